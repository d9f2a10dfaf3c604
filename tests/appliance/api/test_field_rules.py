"""View and edit restrictions per role and field over the real API: for every role x field the
card shows or hides it, an edit is taken or refused with a clear 403 (nothing written), and a
hidden field stays off the role's replica rows and stale-edit answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from routes_office import KITCHEN, RECEPTION, Office

RULES = {
    "operator": {"income_band": "hidden", "birth_date": "read", "custom.favourite": "hidden"},
    "manager": {"income_band": "read"},
}
USERS = {"operator": "sato", "manager": "suzuki", "admin": "tanaka"}
# role, field, shown on the card, editable; the value to set in an edit
TABLE = [
    ("operator", "income_band", False, False),
    ("operator", "birth_date", True, False),
    ("operator", "custom.favourite", False, False),
    ("operator", "occupation", True, True),
    ("manager", "income_band", True, False),
    ("manager", "birth_date", True, True),
    ("manager", "custom.favourite", True, True),
    ("admin", "income_band", True, True),
    ("admin", "custom.favourite", True, True),
]
NEW = {
    "income_band": "1000万円以上",
    "birth_date": "1979-04-01",
    "occupation": "税理士",
    "custom.favourite": "中トロ",
}


async def _setup(office: Office) -> tuple[httpx.AsyncClient, int]:
    boss = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    r = await boss.post("/fields", json={"key": "favourite", "label": "好きなネタ"})
    assert r.status_code == 201
    r = await boss.put("/settings", json={"values": {"access.field_rules": RULES}})
    assert r.status_code == 200
    body = {
        "display_name": "高橋 誠",
        "reading": "たかはし まこと",
        "income_band": "600-800万円",
        "birth_date": "1980-05-05",
        "occupation": "会社員",
        "custom": {"favourite": "えんがわ"},
    }
    r = await boss.post("/customers", json=body)
    assert r.status_code == 201
    return boss, int(r.json()["id"])


def _value(card: dict[str, Any], field: str) -> Any:
    if field.startswith("custom."):
        return card["custom"].get(field[7:])
    return card[field]


def _patch(field: str, version: int) -> dict[str, Any]:
    if field.startswith("custom."):
        return {"version": version, "custom": {field[7:]: NEW[field]}}
    return {"version": version, field: NEW[field]}


@pytest.mark.parametrize(("role", "field", "shown", "editable"), TABLE)
async def test_each_role_sees_and_edits_what_its_rules_allow(
    office: Office, role: str, field: str, shown: bool, editable: bool
) -> None:
    _boss, cid = await _setup(office)
    http = office.client(KITCHEN, await office.login(KITCHEN, USERS[role]))
    card = (await http.get(f"/customers/{cid}")).json()
    stored = {"income_band": "600-800万円", "birth_date": "1980-05-05", "occupation": "会社員"}
    stored["custom.favourite"] = "えんがわ"
    assert (_value(card, field) == stored[field]) is shown
    r = await http.patch(f"/customers/{cid}", json=_patch(field, card["version"]))
    if editable:
        assert r.status_code == 200 and _value(r.json(), field) == NEW[field]
    else:
        assert r.status_code == 403
        assert "may not change" in r.json()["detail"] and field in r.json()["detail"]
        assert (await http.get(f"/customers/{cid}")).json()["version"] == card["version"]
    if not shown:  # nor through any other answer: the replica and a stale edit's card
        rows = (await http.get("/changes", params={"since": 0})).json()["rows"]
        texts = [
            str(row["data"]) for row in rows if row["table"] in ("customer", "custom_field_value")
        ]
        assert not any(stored[field] in text for text in texts)
        page = (await http.get("/changes/table/customer")).json()["rows"]
        assert not any(stored[field] in str(row["data"]) for row in page)
        stale = await http.patch(f"/customers/{cid}", json={"version": 0, "occupation": "x"})
        assert stale.status_code == 409 and stored[field] not in str(stale.json()["current"])


async def test_rules_are_checked_and_an_admin_is_never_restricted(office: Office) -> None:
    boss, cid = await _setup(office)
    bad = await boss.put(
        "/settings", json={"values": {"access.field_rules": {"admin": {"income_band": "hidden"}}}}
    )
    assert bad.status_code == 422 and "admins see all" in bad.json()["detail"]
    bad = await boss.put(
        "/settings", json={"values": {"access.field_rules": {"operator": {"salary": "hidden"}}}}
    )
    assert bad.status_code == 422 and "unknown field" in bad.json()["detail"]
    bad = await boss.put(
        "/settings",
        json={"values": {"access.field_rules": {"operator": {"income_band": "secret"}}}},
    )
    assert bad.status_code == 422
    op = office.client(KITCHEN, await office.login(KITCHEN, "sato"))
    r = await op.post("/customers", json={"display_name": "森 陽子", "income_band": "x"})
    assert r.status_code == 403 and "income_band" in r.json()["detail"]
    r = await op.post("/customers", json={"display_name": "森 陽子", "occupation": "看護師"})
    assert r.status_code == 201
    assert (await boss.get(f"/customers/{cid}")).json()["income_band"] == "600-800万円"


async def test_a_contact_edit_answers_the_card_without_hidden_fields(office: Office) -> None:
    boss, cid = await _setup(office)
    r = await boss.post(
        f"/customers/{cid}/phones", json={"number": "03-3555-0142", "label": "自宅"}
    )
    phone = r.json()["phones"][0]
    op = office.client(KITCHEN, await office.login(KITCHEN, "sato"))
    gone = await op.delete(
        f"/customers/{cid}/phones/{phone['id']}", params={"version": phone["version"]}
    )
    assert gone.status_code == 200 and gone.json()["income_band"] == ""
    assert "えんがわ" not in gone.text
    back = await op.post(f"/customers/{cid}/phones/{phone['id']}/restore")
    assert back.status_code == 200 and "600-800" not in back.text
