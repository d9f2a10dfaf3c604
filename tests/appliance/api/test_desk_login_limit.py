"""One desk trying many user names is stopped after DESK_FAILURES failures in the window,
while other desks log in as usual; the count clears with time or a good login."""

from __future__ import annotations

from routes_office import KITCHEN, PASSWORDS, RECEPTION, Office

from appliance.core.access.desk_logins import DESK_FAILURES, DeskLogins


def test_the_window_and_a_good_login_clear_the_count() -> None:
    now = [0.0]
    logins = DeskLogins(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        logins.failed("desk-a")
    assert not logins.allowed("desk-a") and logins.allowed("desk-b")
    now[0] = 61.0
    assert logins.allowed("desk-a")
    logins.failed("desk-a")
    logins.succeeded("desk-a")
    assert len(logins._recent("desk-a")) == 0


async def test_a_desk_guessing_user_names_is_stopped_and_others_are_not(office: Office) -> None:
    kitchen = office.client(KITCHEN)
    for i in range(DESK_FAILURES):
        wrong = await kitchen.post("/login", json={"username": f"guess{i}", "password": "x" * 12})
        assert wrong.status_code == 401
    right = {"username": "kato", "password": PASSWORDS["kato"]}
    stopped = await kitchen.post("/login", json=right)
    assert stopped.status_code == 429 and "too many failed logins" in stopped.json()["detail"]
    elsewhere = await office.client(RECEPTION).post(
        "/login", json={"username": "sato", "password": PASSWORDS["sato"]}
    )
    assert elsewhere.status_code == 200
