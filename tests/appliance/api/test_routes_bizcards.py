"""Business cards over real TLS: scan an uploaded photo, match, keep it with a customer, and
the image lives only inside the encrypted database (no plaintext on disk)."""

from __future__ import annotations

import io
from pathlib import Path

from routes_office import RECEPTION, Office

from appliance.bizcard.generator import make_card
from appliance.contract.bizcards import BusinessCardOut, CardScanOut
from appliance.db.models.card_images import CardImage


def _jpeg(seed: int, lang: str) -> tuple[bytes, object]:
    card = make_card(seed, lang=lang, vert=False, style="photo" if lang == "ja" else "scan")
    out = io.BytesIO()
    card.image.save(out, "JPEG", quality=90)
    return out.getvalue(), card.truth


def _on_disk(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


async def test_scan_match_keep_and_no_plaintext(office: Office, tmp_path: Path) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    image, truth = _jpeg(3, "ja")
    tel = truth.phones[0].number  # type: ignore[attr-defined]
    known = await http.post(
        "/customers", json={"display_name": "既存 顧客", "phones": [{"number": tel}]}
    )
    cid = known.json()["id"]
    r = await http.post("/bizcards/scan", content=image, headers={"content-type": "image/jpeg"})
    assert r.status_code == 200, r.text
    scan = CardScanOut.model_validate(r.json())
    assert scan.fields.name.replace(" ", "") == truth.name.replace(" ", "")  # type: ignore[attr-defined]
    assert [(m.customer_id, m.by) for m in scan.matches] == [(cid, "phone")]
    body = {
        "token": scan.token,
        "customer_id": cid,
        "fields": scan.fields.model_dump(),
        "exchanged_on": "2026-10-12",
        "exchanged_where": "展示会",
    }
    r = await http.post("/bizcards", json=body)
    assert r.status_code == 201, r.text
    kept = BusinessCardOut.model_validate(r.json())
    assert (kept.customer_id, kept.has_image, kept.exchanged_where) == (cid, True, "展示会")
    listed = (await http.get(f"/customers/{cid}/bizcards")).json()
    assert [c["card_id"] for c in listed] == [kept.card_id]
    again = await http.post("/bizcards", json=body)
    assert again.status_code == 410  # a scan is kept once

    stored = await office.store.executor.run(
        lambda: bytes(CardImage.get(CardImage.card == kept.card_id).data)
    )
    assert stored[:3] == b"\xff\xd8\xff"  # a JPEG, re-encoded by the box
    for needle in (stored[1000:1032], image[1000:1032]):
        assert _on_disk(tmp_path, needle) == []


async def test_a_new_customer_from_the_card(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    image, truth = _jpeg(1, "en")
    scan = (await http.post("/bizcards/scan", content=image)).json()
    assert scan["matches"] == []
    body = {
        "token": scan["token"],
        "new_customer": {
            "display_name": scan["fields"]["name"],
            "company": scan["fields"]["company"],
            "emails": [{"address": scan["fields"]["email"]}],
        },
        "fields": scan["fields"],
    }
    r = await http.post("/bizcards", json=body)
    assert r.status_code == 201, r.text
    card = (await http.get(f"/customers/{r.json()['customer_id']}")).json()
    assert card["display_name"] == truth.name  # type: ignore[attr-defined]


async def test_bad_uploads_and_requests_are_refused(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    r = await http.post("/bizcards/scan", content=b"GIF89a not really")
    assert r.status_code == 422 and "画像として読めません" in r.json()["detail"]
    r = await http.post("/bizcards", json={"token": "x" * 24, "customer_id": 1, "fields": {}})
    assert r.status_code == 410
