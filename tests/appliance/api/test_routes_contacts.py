"""Contact-row routes over real TLS: edit (versioned), remove and restore a phone, an email and
an address of a customer, with full-width input and bad input refused in words."""

from __future__ import annotations

from typing import Any

from routes_office import RECEPTION, Office

from appliance.contract import CustomerCard, StaleOut

SUZUKI: dict[str, Any] = {
    "display_name": "鈴木 一郎",
    "phones": [{"number": "03-3555-1234", "label": "自宅"}],
    "emails": [{"address": "ichiro@suzuki-kensetsu.co.jp"}],
    "addresses": [{"postal_code": "1500001", "prefecture": "東京都", "city": "渋谷区"}],
}


async def test_edit_remove_and_restore_each_kind(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    card = CustomerCard.model_validate((await http.post("/customers", json=SUZUKI)).json())
    assert card.addresses[0].postal_code == "150-0001"
    phone, email, address = card.phones[0], card.emails[0], card.addresses[0]
    base = f"/customers/{card.id}"

    r = await http.patch(
        f"{base}/phones/{phone.id}",
        json={"version": phone.version, "number": "０９０－１２３４－５６７８", "label": "携帯"},
    )
    assert r.status_code == 200, r.text
    now = CustomerCard.model_validate(r.json())
    assert (now.phones[0].e164, now.phones[0].label) == ("+819012345678", "携帯")
    assert now.version == card.version  # the profile's version does not move

    r = await http.patch(
        f"{base}/emails/{email.id}",
        json={"version": email.version, "address": "ICHIRO@Example.COM"},
    )
    assert CustomerCard.model_validate(r.json()).emails[0].address == "ICHIRO@example.com"

    r = await http.patch(
        f"{base}/addresses/{address.id}",
        json={
            "version": address.version,
            "postal_code": "〒１５０－０００２",
            "line1": "渋谷２－１－１",
            "delivery_notes": "裏口\nインターホン故障",
        },
    )
    moved = CustomerCard.model_validate(r.json()).addresses[0]
    assert (moved.postal_code, moved.line1) == ("150-0002", "渋谷2-1-1")
    assert moved.delivery_notes == "裏口\nインターホン故障"

    # a stale edit: 409 with the card as it is now
    r = await http.patch(f"{base}/phones/{phone.id}", json={"version": phone.version, "label": "x"})
    assert r.status_code == 409
    stale = StaleOut.model_validate(r.json())
    assert stale.current["phones"][0]["label"] == "携帯"

    r = await http.delete(f"{base}/addresses/{address.id}", params={"version": moved.version})
    assert CustomerCard.model_validate(r.json()).addresses == []
    r = await http.post(f"{base}/addresses/{address.id}/restore")
    assert [a.id for a in CustomerCard.model_validate(r.json()).addresses] == [address.id]


async def test_bad_input_and_rows_of_another_customer(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    card = CustomerCard.model_validate((await http.post("/customers", json=SUZUKI)).json())
    other = CustomerCard.model_validate(
        (await http.post("/customers", json={"display_name": "佐藤 美咲"})).json()
    )
    address = card.addresses[0]
    r = await http.patch(
        f"/customers/{card.id}/addresses/{address.id}",
        json={"version": address.version, "postal_code": "15-1"},
    )
    assert r.status_code == 422 and "7 桁" in r.json()["detail"]
    r = await http.patch(
        f"/customers/{card.id}/phones/{card.phones[0].id}",
        json={"version": card.phones[0].version, "number": "でんわ"},
    )
    assert r.status_code == 422 and "not a phone number" in r.json()["detail"]
    r = await http.patch(
        f"/customers/{card.id}/emails/{card.emails[0].id}",
        json={"version": card.emails[0].version, "address": "no-at-sign"},
    )
    assert r.status_code == 422 and "not an email address" in r.json()["detail"]
    r = await http.delete(
        f"/customers/{other.id}/phones/{card.phones[0].id}", params={"version": 1}
    )
    assert r.status_code == 404
    unchanged = CustomerCard.model_validate((await http.get(f"/customers/{card.id}")).json())
    assert unchanged.model_dump(exclude={"timeline"}) == card.model_dump(exclude={"timeline"})
