"""Every route and every replicated table against the role matrix, in one table: no session,
operator, manager and admin each get exactly what the matrix gives them. A route that is not in
the matrix fails the test, so a new route is classified when it is added."""

from __future__ import annotations

from typing import Any

import pytest
from routes_office import RECEPTION, Office

from appliance.api.server import create_app
from appliance.core.access.roles import ADMIN_TABLES, RANK
from appliance.core.changefeed import TABLES

OPEN = "open"  # no session needed (pairing, login, the box's health)
HANDLER = "handler"  # any session; the role is checked inside (audited refusals), tested apart
ROLES = ("operator", "manager", "admin")
USERS = {"operator": "sato", "manager": "suzuki", "admin": "tanaka"}
MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/status"): OPEN,
    ("POST", "/unlock"): OPEN,
    ("POST", "/pair/start"): OPEN,
    ("POST", "/pair/finish"): OPEN,
    ("POST", "/login"): OPEN,
    ("GET", "/me"): OPEN,
    ("POST", "/pair/open"): "admin",
    ("GET", "/users"): "admin",
    ("POST", "/users"): "admin",
    ("PATCH", "/users/{user_id}"): "admin",
    ("GET", "/desks"): "admin",
    ("PATCH", "/desks/{desk_id}"): "admin",
    ("DELETE", "/desks/{desk_id}"): "admin",
    ("GET", "/customers/{customer_id}/access"): "admin",
    ("GET", "/users/{user_id}/changes"): "admin",
    ("GET", "/audit/verify"): "admin",
    ("GET", "/fields"): "operator",
    ("POST", "/fields"): "admin",
    ("PATCH", "/fields/{field_id}"): "admin",
    ("DELETE", "/fields/{field_id}"): "admin",
    ("POST", "/fields/{field_id}/restore"): "admin",
    ("GET", "/settings"): "admin",
    ("PUT", "/settings"): "admin",
    ("GET", "/recordings/{recording_id}/audio"): HANDLER,  # manager: test_box_recordings_api
    ("GET", "/recordings/{recording_id}/wav"): HANDLER,  # manager: test_box_recordings_api
    ("POST", "/categories"): "manager",
    ("PATCH", "/categories/{category_id}"): "manager",
    ("DELETE", "/categories/{category_id}"): "manager",
    ("POST", "/products"): "manager",
    ("PATCH", "/products/{product_id}"): "manager",
    ("DELETE", "/products/{product_id}"): "manager",
    ("POST", "/products/{product_id}/options"): "manager",
    ("PATCH", "/options/{option_id}"): "manager",
    ("DELETE", "/options/{option_id}"): "manager",
    ("GET", "/analysis/overview"): "manager",  # and the role's reports permission
    ("GET", "/analysis/breakdowns"): "manager",
    ("GET", "/analysis/lists/{name}"): "manager",
    ("POST", "/analysis/lists/{name}/call-list"): "manager",
    ("GET", "/analysis/drill"): "manager",
    ("GET", "/transfer/export"): "manager",
    ("POST", "/transfer/preview"): "manager",
    ("POST", "/transfer/import"): "manager",
    ("POST", "/zones"): "manager",
    ("PATCH", "/zones/{zone_id}"): "manager",
    ("DELETE", "/zones/{zone_id}"): "manager",
    ("POST", "/logout"): "operator",  # ends the session: checked last
}
PARAMS = {
    "call_id": "1",
    "customer_id": "1",
    "note_id": "1",
    "task_id": "1",
    "segment_id": "1",
    "user_id": "999999",
    "desk_id": "999999",  # never a real desk: the admin's request must not revoke one
    "recording_id": "1",
    "field_id": "999999",
    "category_id": "1",
    "product_id": "1",
    "option_id": "1",
    "order_id": "1",
    "zone_id": "1",
    "table": "customer",
    "job_id": "1",
    "name": "kitchen",
}


def _operations(office: Office) -> list[tuple[str, str]]:
    paths: dict[str, dict[str, Any]] = create_app(office.server.state).openapi()["paths"]
    found = [(m.upper(), p) for p, ops in paths.items() for m in ops]
    return sorted(found, key=lambda op: op == ("POST", "/logout"))


def _url(path: str) -> str:
    for name, value in PARAMS.items():
        path = path.replace("{" + name + "}", value)
    return path


async def _status(office: Office, token: str | None, method: str, path: str) -> int:
    http = office.client(RECEPTION, token)
    body = {"json": {}} if method in ("POST", "PATCH", "PUT") else {}
    response = await http.request(method, _url(path), **body)  # type: ignore[arg-type]
    return response.status_code


async def test_every_route_answers_each_role_as_the_matrix_says(office: Office) -> None:
    tokens = {role: await office.login(RECEPTION, USERS[role]) for role in ROLES}
    wrong: list[str] = []
    for method, path in _operations(office):
        needed = MATRIX.get((method, path), "operator")
        anonymous = await _status(office, None, method, path)
        if needed != OPEN and anonymous != 401:
            wrong.append(f"{method} {path}: no session -> {anonymous}")
        for role in ROLES:
            status = await _status(office, tokens[role], method, path)
            allowed = needed in (OPEN, HANDLER) or RANK[role] >= RANK[needed]
            if allowed and status in (401, 403):
                wrong.append(f"{method} {path}: {role} refused ({status})")
            if not allowed and status != 403:
                wrong.append(f"{method} {path}: {role} let through ({status})")
    assert wrong == []


def test_the_matrix_names_only_routes_that_exist(office: Office) -> None:
    assert set(MATRIX) <= set(_operations(office))


@pytest.mark.parametrize("role", ROLES)
async def test_each_replicated_table_answers_each_role_as_the_matrix_says(
    office: Office, role: str
) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, USERS[role]))
    listed = (await http.get("/changes/tables")).json()["tables"]
    refused = []
    for table in TABLES:
        status = (await http.get(f"/changes/table/{table}")).status_code
        if status == 403:
            refused.append(table)
        else:
            assert status == 200, (table, status)
    expected = sorted(ADMIN_TABLES) if role != "admin" else []
    assert sorted(refused) == expected
    assert set(listed) == set(TABLES) - set(expected)


async def test_the_change_feed_gives_an_operator_no_admin_rows(office: Office) -> None:
    admin = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    made = await admin.post(
        "/users", json={"username": "yoshida", "role": "operator", "password": "kiso-fukushima-88"}
    )
    assert made.status_code == 201, made.text
    await admin.put("/settings", json={"values": {"shop.name": "吉田屋"}})
    operator = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    page = (await operator.get("/changes", params={"since": 0})).json()
    tables = {row["table"] for row in page["rows"]}
    assert tables.isdisjoint(ADMIN_TABLES - {"audit_log"})
    audits = [row["data"] for row in page["rows"] if row["table"] == "audit_log"]
    assert audits and all(set(a) <= {"id", "at"} for a in audits)
    whole = (await admin.get("/changes", params={"since": 0})).json()
    assert "user" in {row["table"] for row in whole["rows"]}  # an admin's replica has them
