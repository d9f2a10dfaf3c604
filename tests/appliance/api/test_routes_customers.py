"""Customer routes over real TLS: create, card, search, lookup, versioned edits, undo, contacts."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from routes_office import KITCHEN, OFFICE_BOX, RECEPTION, Office

from appliance.contract import CustomerCard, CustomerSummary, StaleOut
from appliance.contract.tls import client_context

YAMADA = {
    "display_name": "山田 花子",
    "reading": "ヤマダ ハナコ",
    "company": "山田商店",
    "phones": [{"number": "03-1234-5678", "label": "店"}, {"number": "090-1111-2222"}],
    "emails": [{"address": "hanako@yamada-shoten.jp"}],
    "addresses": [
        {
            "postal_code": "〒101-0021",
            "prefecture": "東京都",
            "city": "千代田区",
            "line1": "外神田1-2-3",
            "delivery_notes": "裏口へ",
        }
    ],
    "tags": ["常連"],
    "vip": True,
}


async def test_create_card_search_and_lookup(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    r = await http.post("/customers", json=YAMADA)
    assert r.status_code == 201, r.text
    card = CustomerCard.model_validate(r.json())
    assert card.version == 1 and card.vip and card.tags == ["常連"]
    assert [p.e164 for p in card.phones] == ["+81312345678", "+819011112222"]
    assert card.addresses[0].postal_code == "101-0021"
    assert (await http.get(f"/customers/{card.id}")).json() == r.json()
    for q in ("山", "やまだ", "5678", "外神田"):
        found = (await http.get("/customers/search", params={"q": q})).json()
        assert [CustomerSummary.model_validate(f).id for f in found] == [card.id], q
    for number in ("+81 3-1234-5678", "0312345678", "03(1234)5678"):
        hits = (await http.get("/customers/lookup", params={"number": number})).json()
        assert [h["id"] for h in hits] == [card.id]
        assert hits[0]["vip"] is True
    assert (await http.get("/customers/lookup", params={"number": "0120-000-000"})).json() == []


async def test_two_desks_editing_one_customer(office: Office) -> None:
    a = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    b = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    card = (await a.post("/customers", json=YAMADA)).json()
    both = await asyncio.gather(
        a.patch(f"/customers/{card['id']}", json={"version": 1, "company": "山田商店 本店"}),
        b.patch(f"/customers/{card['id']}", json={"version": 1, "caution": True}),
    )
    codes = sorted(r.status_code for r in both)
    assert codes == [200, 409]
    won, lost = (both[0], both[1]) if both[0].status_code == 200 else (both[1], both[0])
    stale = StaleOut.model_validate(lost.json())
    assert "changed by someone else" in stale.detail
    current = CustomerCard.model_validate(stale.current)
    assert current.model_dump() == CustomerCard.model_validate(won.json()).model_dump()
    assert current.version == 2
    # the refused desk merges onto the current version and succeeds
    retry = await b.patch(f"/customers/{card['id']}", json={"version": 2, "caution": True})
    assert retry.status_code == 200 and retry.json()["version"] == 3


async def test_edit_publishes_a_customer_event(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    ctx = client_context(KITCHEN, OFFICE_BOX.cert_pem)
    session = {"Authorization": f"Bearer {await office.login(KITCHEN, 'kato')}"}
    url = f"wss://127.0.0.1:{office.server.port}/events"
    async with websockets.connect(url, ssl=ctx, additional_headers=session) as ws:
        card = (await http.post("/customers", json={"display_name": "Emily Carter"})).json()
        await http.patch(f"/customers/{card['id']}", json={"version": 1, "title": "CFO"})
        events: list[dict[str, Any]] = []
        while len(events) < 2:  # `change` events (for desk replicas) come beside them
            event = json.loads(await ws.recv())
            if event["kind"] != "change":
                events.append(event)
    assert [(e["kind"], e["data"]) for e in events] == [
        ("customer", {"customer_id": card["id"], "version": 1}),
        ("customer", {"customer_id": card["id"], "version": 2}),
    ]


async def test_delete_undo_and_stale_delete(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    cid = (await http.post("/customers", json=YAMADA)).json()["id"]
    await http.patch(f"/customers/{cid}", json={"version": 1, "reading": "ヤマダ"})
    stale = await http.delete(f"/customers/{cid}", params={"version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["reading"] == "ヤマダ"
    gone = await http.delete(f"/customers/{cid}", params={"version": 2})
    assert gone.status_code == 200 and gone.json()["deleted"] is True
    assert (await http.get(f"/customers/{cid}")).status_code == 404
    assert (await http.get("/customers/search", params={"q": "山田"})).json() == []
    back = await http.post(f"/customers/{cid}/restore")
    assert back.status_code == 200 and back.json()["deleted"] is False
    assert [c["id"] for c in (await http.get("/customers/search", params={"q": "山田"})).json()]


async def test_contacts_interactions_and_timeline(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    cid = (await http.post("/customers", json={"display_name": "John Miller"})).json()["id"]
    r = await http.post(f"/customers/{cid}/phones", json={"number": "+1 415-555-0134"})
    assert r.status_code == 201 and r.json()["phones"][0]["e164"] == "+14155550134"
    r = await http.post(f"/customers/{cid}/emails", json={"address": "John@Example.COM"})
    assert r.json()["emails"][0]["address"] == "John@example.com"
    r = await http.post(f"/customers/{cid}/addresses", json={"city": "San Francisco", "lat": 91})
    assert r.status_code == 422 and "lat" in r.json()["detail"]
    bad = await http.post(f"/customers/{cid}/emails", json={"address": "not an address"})
    assert bad.status_code == 422 and "email" in bad.json()["detail"]
    r = await http.post(
        f"/customers/{cid}/interactions",
        json={"kind": "fax", "summary": "見積書を送付", "occurred_at": "2026-11-30T10:00:00+09:00"},
    )
    assert r.status_code == 201 and r.json()["at"] == "2026-11-30T01:00:00Z"
    assert r.json()["by"] == "sato"
    timeline = (await http.get(f"/customers/{cid}/timeline")).json()
    assert [(t["kind"], t["summary"]) for t in timeline] == [("fax", "見積書を送付")]
    assert (await http.get("/customers/999999")).status_code == 404


async def test_text_that_cannot_be_stored_is_refused_cleanly(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    headers = {"Content-Type": "application/json"}
    lone = await http.post("/customers", content=b'{"display_name": "\\ud800"}', headers=headers)
    assert lone.status_code == 422 and "display_name" in lone.json()["detail"]
    garbage = await http.post("/customers", content=b"{not json", headers=headers)
    assert garbage.status_code == 422
    assert (await http.get("/customers/search", params={"q": "\u3000"})).json() == []
    boss = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    nan = await boss.put("/settings", content=b'{"values": {"shop.rate": NaN}}', headers=headers)
    assert nan.status_code == 422 and "NaN" in nan.json()["detail"]
    assert (await boss.get("/settings")).status_code == 200
