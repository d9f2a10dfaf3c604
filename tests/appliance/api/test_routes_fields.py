"""Custom-field definitions over real TLS: an admin adds, edits, retires and brings back a field
(values kept); operators read them; bad definitions get clear 422s, stale edits 409."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract.custom_fields import CustomFieldOut


async def test_an_admin_keeps_the_fields_operators_read(office: Office) -> None:
    boss = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    op = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    r = await boss.post(
        "/fields",
        json={"key": "favourite", "label": "好きなネタ", "label_en": "Favourite", "position": 2},
    )
    assert r.status_code == 201
    fav = CustomFieldOut.model_validate(r.json())
    assert (fav.field_type, fav.version, fav.retired) == ("text", 1, False)
    r = await boss.post(
        "/fields",
        json={
            "key": "seat",
            "label": "席",
            "field_type": "choice",
            "choices": ["カウンター", "座敷"],
        },
    )
    seat = CustomFieldOut.model_validate(r.json())
    bad = await boss.post("/fields", json={"key": "size", "label": "人数", "field_type": "choice"})
    assert bad.status_code == 422 and "needs choices" in bad.json()["detail"]
    dup = await boss.post("/fields", json={"key": "SEAT", "label": "席2"})
    assert dup.status_code == 422 and "already exists" in dup.json()["detail"]
    assert (await op.post("/fields", json={"key": "x", "label": "x"})).status_code == 403
    listed = [CustomFieldOut.model_validate(f) for f in (await op.get("/fields")).json()]
    assert [f.key for f in listed] == ["seat", "favourite"]  # position order

    r = await boss.patch(
        f"/fields/{seat.id}", json={"version": 1, "choices": ["カウンター", "座敷", "テラス"]}
    )
    assert r.status_code == 200 and r.json()["choices"][-1] == "テラス"
    stale = await boss.patch(f"/fields/{seat.id}", json={"version": 1, "label": "お席"})
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    wrong = await boss.patch(f"/fields/{fav.id}", json={"version": 1, "choices": ["a"]})
    assert wrong.status_code == 422

    r = await boss.delete(f"/fields/{seat.id}", params={"version": 2})
    assert r.status_code == 200 and r.json()["retired"] is True
    assert [f["key"] for f in (await op.get("/fields")).json()] == ["favourite"]
    everything = (await boss.get("/fields", params={"retired": "true"})).json()
    assert {f["key"]: f["retired"] for f in everything} == {"seat": True, "favourite": False}
    back = await boss.post(f"/fields/{seat.id}/restore")
    assert back.status_code == 200 and back.json()["retired"] is False
