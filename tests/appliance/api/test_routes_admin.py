"""Roles, refusals, lockout, users, desks, settings, pairing and segments over real TLS."""

from __future__ import annotations

import datetime as dt

import httpx
from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract import DeskOut, SegmentOut, UserOut
from appliance.db.models import Session, utcnow


async def _as(office: Office, desk: object, user: str) -> httpx.AsyncClient:
    assert desk in (RECEPTION, KITCHEN)
    return office.client(desk, await office.login(desk, user))  # type: ignore[arg-type]


async def test_roles_and_refusals(office: Office) -> None:
    op, mgr, boss = [await _as(office, RECEPTION, u) for u in ("sato", "suzuki", "tanaka")]
    for http in (op, mgr):
        r = await http.get("/users")
        assert r.status_code == 403 and "role" in r.json()["detail"]
        assert (await http.put("/settings", json={"values": {"region": "US"}})).status_code == 403
    users = [UserOut.model_validate(u) for u in (await boss.get("/users")).json()]
    assert {u.username: u.role for u in users} == {
        "kato": "operator",
        "sato": "operator",
        "suzuki": "manager",
        "tanaka": "admin",
    }
    assert (await mgr.get("/customers/search", params={"q": "a"})).status_code == 200
    stranger = office.client(None)
    r = await stranger.get("/customers/search", params={"q": "a"})
    assert r.status_code == 403 and "not paired" in r.json()["detail"]
    assert (
        await stranger.post("/login", json={"username": "sato", "password": "x"})
    ).status_code == 403
    assert (await stranger.get("/openapi.json")).status_code == 200
    anonymous = office.client(RECEPTION)
    r = await anonymous.get("/customers/search", params={"q": "a"})
    assert r.status_code == 401 and "log in" in r.json()["detail"]
    forged = office.client(RECEPTION, "0" * 32)
    assert (await forged.get("/calls")).status_code == 401
    token = await office.login(RECEPTION, "sato")
    elsewhere = office.client(KITCHEN, token)  # a token is good only at the desk it was made on
    assert (await elsewhere.get("/calls")).status_code == 401
    assert (await office.client(RECEPTION, token).get("/calls")).status_code == 200


async def test_lockout_through_the_api_and_admin_unlock(office: Office) -> None:
    boss = await _as(office, RECEPTION, "tanaka")
    kato = await _as(office, KITCHEN, "kato")
    async with office.client(KITCHEN) as desk:
        answers = [
            await desk.post("/login", json={"username": "kato", "password": "wrong-password"})
            for _ in range(5)
        ]
        right = await desk.post("/login", json={"username": "kato", "password": "shimokita-31"})
        ghost = await desk.post("/login", json={"username": "nobody", "password": "shimokita-31"})
    assert {a.status_code for a in answers} == {401} and right.status_code == 401
    assert right.json() == ghost.json()  # the lock does not tell who exists
    users = {u["username"]: u for u in (await boss.get("/users")).json()}
    assert users["kato"]["locked"] is True
    assert (await kato.get("/calls")).status_code == 200  # a live session is not cut by throttling
    r = await boss.patch(
        f"/users/{users['kato']['id']}", json={"version": users["kato"]["version"], "unlock": True}
    )
    assert r.status_code == 200 and r.json()["locked"] is False
    await office.login(KITCHEN, "kato")


async def test_users_passwords_and_last_admin(office: Office) -> None:
    boss = await _as(office, RECEPTION, "tanaka")
    common = await boss.post("/users", json={"username": "mori", "password": "password1"})
    assert common.status_code == 422
    mori_in = {
        "username": "Mori",
        "display_name": "森 由紀",
        "role": "manager",
        "password": "yoyogi-koen-5",
    }
    r = await boss.post("/users", json=mori_in)
    assert r.status_code == 201 and r.json()["username"] == "mori"
    dup = await boss.post("/users", json={"username": "mori", "password": "yoyogi-koen-6"})
    assert dup.status_code == 409
    mori = UserOut.model_validate(r.json())
    session = office.client(KITCHEN, await office.login(KITCHEN, "mori", "yoyogi-koen-5"))
    assert (await session.get("/calls")).status_code == 200
    r = await boss.patch(
        f"/users/{mori.id}", json={"version": mori.version, "password": "ebisu-garden-8"}
    )
    assert r.status_code == 200
    assert (await session.get("/calls")).status_code == 401  # sessions end on a new password
    stale = await boss.patch(f"/users/{mori.id}", json={"version": mori.version - 1})
    assert stale.status_code == 409
    assert UserOut.model_validate(stale.json()["current"]).username == "mori"
    me = next(u for u in (await boss.get("/users")).json() if u["username"] == "tanaka")
    alone = await boss.patch(
        f"/users/{me['id']}", json={"version": me["version"], "role": "operator"}
    )
    assert alone.status_code == 409 and "last" in alone.json()["detail"]
    own = office.client(KITCHEN, await office.login(KITCHEN, "mori", "ebisu-garden-8"))
    bad = await own.post("/password", json={"old": "nope-nope-nope", "new": "hiroo-park-77"})
    assert bad.status_code == 401
    ok = await own.post("/password", json={"old": "ebisu-garden-8", "new": "hiroo-park-77"})
    assert ok.status_code == 204 and (await own.get("/calls")).status_code == 401
    again = office.client(KITCHEN, await office.login(KITCHEN, "mori", "hiroo-park-77"))
    assert (await again.post("/logout")).status_code == 204
    assert (await again.get("/calls")).status_code == 401


async def test_revoking_a_desk(office: Office) -> None:
    boss = await _as(office, RECEPTION, "tanaka")
    kitchen = await _as(office, KITCHEN, "kato")
    desks = [DeskOut.model_validate(d) for d in (await boss.get("/desks")).json()]
    assert [(d.name, d.revoked_at) for d in desks] == [("受付", None), ("厨房", None)]
    assert desks[0].last_seen_at is not None  # stamped at login
    r = await boss.delete(f"/desks/{office.desk_ids['kitchen']}")
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    assert office.revoked == [office.desk_ids["kitchen"]]
    assert (await kitchen.get("/calls")).status_code == 403
    assert (await boss.delete(f"/desks/{office.desk_ids['kitchen']}")).status_code == 409
    assert (await boss.get("/calls")).status_code == 200


async def test_settings_and_pairing(office: Office) -> None:
    boss = await _as(office, RECEPTION, "tanaka")
    got = (await boss.get("/settings")).json()["values"]
    assert got["region"] == "JP" and not any(k.startswith("_") for k in got)
    bad = await boss.put("/settings", json={"values": {"region": "XX", "shop.name": "そば処"}})
    assert bad.status_code == 422 and "region" in bad.json()["detail"]
    assert "shop.name" not in (await boss.get("/settings")).json()["values"]
    ok = await boss.put(
        "/settings", json={"values": {"shop.name": "そば処 神田", "currency": "JPY"}}
    )
    assert ok.json()["values"]["shop.name"] == "そば処 神田"
    assert (await boss.put("/settings", json={"values": {"_desk_cert.1": "x"}})).status_code == 422
    r = await boss.post("/pair/open")
    assert r.status_code == 200 and len(r.json()["code"]) == 8 and r.json()["seconds"] == 300


async def test_segments_and_saved_queries(office: Office) -> None:
    http = await _as(office, RECEPTION, "sato")
    osaka = {
        "display_name": "木村 翔太",
        "addresses": [{"prefecture": "大阪府", "city": "北区"}],
        "tags": ["VIP"],
    }
    tokyo = {"display_name": "林 真理子", "addresses": [{"prefecture": "東京都"}]}
    oid = (await http.post("/customers", json=osaka)).json()["id"]
    await http.post("/customers", json=tokyo)
    r = await http.get("/segments", params={"q": "prefecture = 大阪府 and tag = vip"})
    seg = SegmentOut.model_validate(r.json())
    assert (seg.count, [c.id for c in seg.customers]) == (1, [oid])
    assert (await http.get("/segments", params={"q": "orders < 1", "limit": 1})).json()[
        "count"
    ] == 2
    bad = await http.get("/segments", params={"q": "shoe_size > 3"})
    assert bad.status_code == 422 and "unknown field" in bad.json()["detail"]
    saved = await http.post("/segments/saved", json={"name": "大阪のVIP", "query": seg.query})
    assert saved.status_code == 201
    assert (await http.post("/segments/saved", json={"name": "x", "query": "?"})).status_code == 422
    assert (await http.get("/segments/saved")).json() == [saved.json()]
    assert (await http.delete(f"/segments/saved/{saved.json()['id']}")).status_code == 204
    assert (await http.get("/segments/saved")).json() == []
    assert (await http.delete("/segments/saved/99")).status_code == 404


async def test_idle_and_expired_sessions_are_refused(office: Office) -> None:
    idle, spent = [await office.login(RECEPTION, "sato") for _ in range(2)]
    a, b = office.client(RECEPTION, idle), office.client(RECEPTION, spent)
    assert (await a.get("/calls")).status_code == (await b.get("/calls")).status_code == 200
    policy = office.server.state.sessions

    def age() -> None:
        rows = list(Session.select().order_by(Session.id))
        Session.update(last_seen_at=utcnow() - policy.idle - dt.timedelta(seconds=1)).where(
            Session.id == rows[-2].id
        ).execute()
        Session.update(expires_at=utcnow()).where(Session.id == rows[-1].id).execute()

    await office.store.executor.run(age)
    assert (await a.get("/calls")).status_code == 401
    assert (await b.get("/calls")).status_code == 401


async def test_renaming_a_desk(office: Office) -> None:
    boss = await _as(office, RECEPTION, "tanaka")
    kitchen_id = office.desk_ids["kitchen"]
    r = await boss.patch(f"/desks/{kitchen_id}", json={"version": 1, "name": "厨房 2"})
    assert r.status_code == 200 and DeskOut.model_validate(r.json()).name == "厨房 2"
    stale = await boss.patch(f"/desks/{kitchen_id}", json={"version": 1, "name": "x"})
    assert stale.status_code == 409 and stale.json()["current"]["name"] == "厨房 2"
    blank = await boss.patch(f"/desks/{kitchen_id}", json={"version": 2, "name": "　"})
    assert blank.status_code == 422 and "desk name" in blank.json()["detail"]
    op = await _as(office, KITCHEN, "kato")
    assert (
        await op.patch(f"/desks/{kitchen_id}", json={"version": 2, "name": "y"})
    ).status_code == 403
    assert (await boss.delete(f"/desks/{kitchen_id}")).status_code == 200
    gone = await boss.patch(f"/desks/{kitchen_id}", json={"version": 3, "name": "z"})
    assert gone.status_code == 409
