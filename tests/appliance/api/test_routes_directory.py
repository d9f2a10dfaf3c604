"""The operators' directory over real TLS: users (no secrets), desks logged in now, oneself."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, ROLES, Office

from appliance.contract import DirectoryUserOut, MeUserOut, OnlineDeskOut


async def test_operator_sees_users_without_secrets(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    r = await http.get("/users/directory")
    assert r.status_code == 200, r.text
    users = [DirectoryUserOut.model_validate(u) for u in r.json()]
    assert {u.username: u.role for u in users} == ROLES
    assert all(set(u) == {"id", "username", "display_name", "role"} for u in r.json())
    assert (await office.client(RECEPTION).get("/users/directory")).status_code == 401


async def test_me_user_and_the_desks_logged_in_now(office: Office) -> None:
    sato = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    me = MeUserOut.model_validate((await sato.get("/me/user")).json())
    assert (me.username, me.role, me.desk_id) == ("sato", "operator", office.desk_ids["reception"])
    assert [d.user_name for d in await _online(sato)] == ["sato"]
    kato_token = await office.login(KITCHEN, "kato")
    kato = office.client(KITCHEN, kato_token)
    online = await _online(sato)
    assert {(d.desk_id, d.user_name) for d in online} == {
        (office.desk_ids["reception"], "sato"),
        (office.desk_ids["kitchen"], "kato"),
    }
    assert (await kato.post("/logout")).status_code == 204
    assert [d.user_name for d in await _online(sato)] == ["sato"]  # logged out: gone


async def _online(http: object) -> list[OnlineDeskOut]:
    r = await http.get("/desks/online")  # type: ignore[attr-defined]
    assert r.status_code == 200, r.text
    return [OnlineDeskOut.model_validate(d) for d in r.json()]
