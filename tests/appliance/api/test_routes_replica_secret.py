"""GET /desk/replica-secret over real TLS: one stable 32-byte secret per desk, the same for
every user logged in there, another for another desk, nothing without a session."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract import ReplicaSecretOut


async def _secret(office: Office, desk: object, user: str) -> bytes:
    http = office.client(desk, await office.login(desk, user))  # type: ignore[arg-type]
    r = await http.get("/desk/replica-secret")
    assert r.status_code == 200, r.text
    return bytes.fromhex(ReplicaSecretOut.model_validate(r.json()).secret)


async def test_one_secret_per_desk_for_logged_in_users_only(office: Office) -> None:
    reception = await _secret(office, RECEPTION, "sato")
    assert len(reception) == 32
    assert await _secret(office, RECEPTION, "kato") == reception  # another user, same desk
    assert await _secret(office, RECEPTION, "sato") == reception  # stable across sessions
    assert await _secret(office, KITCHEN, "kato") != reception
    assert (await office.client(RECEPTION).get("/desk/replica-secret")).status_code == 401
