"""Calls over real TLS: the log with filters, one desk wins a claim, hand-off, attach a number."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import websockets
from routes_office import KITCHEN, OFFICE_BOX, RECEPTION, Office

from appliance.contract import CallOut, ClaimRefusedOut
from appliance.contract.tls import client_context
from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.db.models import AuditLog, Call

LINE = Actor.system("call-flow")
T0 = dt.datetime(2026, 11, 30, 9, 0)


def _calls() -> list[int]:
    """Four calls on two lines; the third is missed (db thread)."""
    ids = []
    for i, (line, number) in enumerate(
        [("1", "03-3456-7890"), ("2", "06-6123-4567"), ("1", "090-2345-6789"), ("2", "")]
    ):
        call = create_call(
            LINE,
            line,
            number=number,
            started_at=T0 + dt.timedelta(hours=i),
            reason=None if number else "P",
        )
        ids.append(int(call.id))
    Call.update(state="missed").where(Call.id == ids[2]).execute()
    return ids


async def test_call_log_filters(office: Office) -> None:
    ids = await office.store.executor.run(_calls)
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))

    async def log(**params: object) -> list[int]:
        r = await http.get("/calls", params=params)
        assert r.status_code == 200, r.text
        return [CallOut.model_validate(c).id for c in r.json()]

    assert await log() == ids[::-1]
    assert await log(missed=True) == [ids[2]]
    assert await log(missed=False) == [ids[3], ids[1], ids[0]]
    assert await log(line="2") == [ids[3], ids[1]]
    assert await log(since="2026-11-30T10:00:00", until="2026-11-30T12:00:00") == [ids[2], ids[1]]
    assert await log(since="2026-11-30T19:00:00+09:00") == [ids[3], ids[2], ids[1]]
    assert await log(limit=1) == [ids[3]]
    withheld = (await http.get(f"/calls/{ids[3]}")).json()
    assert withheld["reason"] == "P" and withheld["number"] == ""
    assert withheld["number_display"] is None
    mobile = (await http.get(f"/calls/{ids[2]}")).json()
    assert mobile["number_display"] == "090-2345-6789"  # as people write it, whatever was sent
    active = (await http.get("/calls/active")).json()
    assert {c["id"] for c in active} == {ids[0], ids[1], ids[3]}
    assert all(c["pop"] is None for c in active)
    await http.post(f"/calls/{ids[0]}/claim")
    assert await log(desk=office.desk_ids["reception"]) == [ids[0]]


async def test_exactly_one_desk_wins_a_claim(office: Office) -> None:
    ids = await office.store.executor.run(_calls)
    a = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    kato = await office.login(KITCHEN, "kato")
    b = office.client(KITCHEN, kato)
    ctx = client_context(KITCHEN, OFFICE_BOX.cert_pem)
    url, session = (
        f"wss://127.0.0.1:{office.server.port}/events",
        {"Authorization": f"Bearer {kato}"},
    )
    async with websockets.connect(url, ssl=ctx, additional_headers=session) as ws:
        results = await asyncio.gather(
            *(http.post(f"/calls/{ids[0]}/claim") for http in (a, b, a, b))
        )
        event = json.loads(await ws.recv())
    won = [r for r in results if r.status_code == 200]
    lost = [r for r in results if r.status_code == 409]
    winner = CallOut.model_validate(won[0].json())
    assert len(lost) >= 2 and len(won) + len(lost) == 4
    assert {CallOut.model_validate(r.json()).desk_id for r in won} == {winner.desk_id}
    refused = ClaimRefusedOut.model_validate(lost[0].json())
    assert (refused.desk_id, refused.desk_name) == (winner.desk_id, winner.desk_name)
    assert refused.user_name in refused.detail
    assert event["kind"] == "call" and event["data"]["event"] == "claimed"
    assert event["data"]["desk_name"] == winner.desk_name


async def test_handoff_then_the_other_desk_claims(office: Office) -> None:
    ids = await office.store.executor.run(_calls)
    a = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    b = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    assert (await a.post(f"/calls/{ids[1]}/claim")).json()["desk_name"] == "受付"
    assert (
        await b.post(f"/calls/{ids[1]}/handoff", json={"desk_id": office.desk_ids["kitchen"]})
    ).status_code == 409
    r = await a.post(f"/calls/{ids[1]}/handoff", json={"desk_id": office.desk_ids["kitchen"]})
    assert r.status_code == 200 and r.json()["desk_name"] == "厨房" and r.json()["user_id"] is None
    assert r.json()["event"] == "handed_off"
    assert (await a.post(f"/calls/{ids[1]}/claim")).status_code == 409
    mine = await b.post(f"/calls/{ids[1]}/claim")
    assert mine.status_code == 200 and mine.json()["user_name"] == "kato"
    nowhere = await b.post(f"/calls/{ids[1]}/handoff", json={"desk_id": 4242})
    assert nowhere.status_code == 404


async def test_attach_an_unknown_number(office: Office) -> None:
    ids = await office.store.executor.run(_calls)
    http = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    cid = (await http.post("/customers", json={"display_name": "中村 大輔"})).json()["id"]
    assert (await http.get("/customers/lookup", params={"number": "0663-12-4567"})).json() == []
    r = await http.post(f"/calls/{ids[1]}/attach", json={"customer_id": cid, "label": "会社"})
    assert r.status_code == 200 and r.json()["customer_name"] == "中村 大輔"
    again = await http.post(f"/calls/{ids[1]}/attach", json={"customer_id": cid})
    assert again.status_code == 200
    card = (await http.get(f"/customers/{cid}")).json()
    assert [(p["e164"], p["label"]) for p in card["phones"]] == [("+81661234567", "会社")]
    hits = (await http.get("/customers/lookup", params={"number": "06-6123-4567"})).json()
    assert [h["id"] for h in hits] == [cid]
    withheld = await http.post(f"/calls/{ids[3]}/attach", json={"customer_id": cid})
    assert withheld.status_code == 422 and "no number" in withheld.json()["detail"]

    def audited() -> list[tuple[str, str, int | None, str]]:
        rows = AuditLog.select().where(
            AuditLog.entity.in_(["phone", "call"]) & (AuditLog.actor_name == "kato")
        )
        return [(r.entity, r.action, r.desk_id, r.actor_name) for r in rows.order_by(AuditLog.id)]

    trail = await office.store.executor.run(audited)
    desk = office.desk_ids["kitchen"]
    assert trail == [
        ("call", "update", desk, "kato"),
        ("phone", "create", desk, "kato"),
        ("call", "update", desk, "kato"),
    ]


async def test_the_end_key_ends_a_call_with_its_length_once(office: Office) -> None:
    ids = await office.store.executor.run(_calls)
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    answered = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=2)

    def pick_up() -> None:
        Call.update(state="answered", answered_at=answered).where(Call.id == ids[0]).execute()

    await office.store.executor.run(pick_up)
    await http.post(f"/calls/{ids[0]}/claim")
    r = await http.post(f"/calls/{ids[0]}/end")
    assert r.status_code == 200, r.text
    ended = CallOut.model_validate(r.json())
    assert (ended.state, ended.disposition, ended.event) == ("ended", "ended_at_desk", "ended")
    assert ended.duration_s is not None and 120 <= ended.duration_s < 600
    again = CallOut.model_validate((await http.post(f"/calls/{ids[0]}/end")).json())
    assert again.ended_at == ended.ended_at and again.duration_s == ended.duration_s
    missed = CallOut.model_validate((await http.post(f"/calls/{ids[2]}/end")).json())
    assert missed.state == "missed"  # a call already over stays as it was
    active = {c["id"] for c in (await http.get("/calls/active")).json()}
    assert ids[0] not in active
