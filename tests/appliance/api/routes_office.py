"""A small office for route tests: a real box over TLS 1.3, two paired desks, four users."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import httpx

from appliance.api.server import BoxServer
from appliance.contract.identity import Identity, make_identity
from appliance.contract.pairing_proof import DeskHandshake
from appliance.contract.tls import client_context
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.users import create_user
from appliance.db.store import Store

OFFICE_BOX = make_identity("ringdesk-office", server_names=["localhost", "127.0.0.1"])
RECEPTION = make_identity("desk-reception")
KITCHEN = make_identity("desk-kitchen")
PASSWORDS = {
    "tanaka": "ochanomizu-42",
    "sato": "kichijoji-77",
    "suzuki": "nakameguro-9",
    "kato": "shimokita-31",
}
ROLES = {"tanaka": "admin", "sato": "operator", "suzuki": "manager", "kato": "operator"}


async def secret(_name: str) -> bytes:
    """A fresh desk secret, as the vault would issue."""
    return os.urandom(32)


@dataclass
class Office:
    """The box, its store, desk ids, and logged-in clients by user name."""

    server: BoxServer
    store: Store
    desk_ids: dict[str, int]
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)
    revoked: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The box's base URL."""
        return f"https://127.0.0.1:{self.server.port}"

    def client(self, desk: Identity | None, token: str | None = None) -> httpx.AsyncClient:
        """A client presenting desk's certificate (None: no certificate), with a bearer token."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        ctx = client_context(desk, OFFICE_BOX.cert_pem)
        http = httpx.AsyncClient(base_url=self.url, verify=ctx, headers=headers, timeout=20)
        self.clients[f"_{id(http)}"] = http
        return http

    async def login(self, desk: Identity, username: str, password: str | None = None) -> str:
        """Log username in on desk; the token."""
        async with httpx.AsyncClient(
            base_url=self.url, verify=client_context(desk, OFFICE_BOX.cert_pem)
        ) as http:
            r = await http.post(
                "/login", json={"username": username, "password": password or PASSWORDS[username]}
            )
        r.raise_for_status()
        return str(r.json()["token"])


async def pair(server: BoxServer, desk: Identity, name: str) -> int:
    """Pair desk with the box through the real endpoints; its desk id."""
    assert server.state.pairing is not None
    code = server.state.pairing.open()
    base = f"https://127.0.0.1:{server.port}"
    async with httpx.AsyncClient(base_url=base, verify=client_context(None, None)) as http:
        spake = DeskHandshake(code, desk.fingerprint, OFFICE_BOX.fingerprint)
        r = await http.post(
            "/pair/start",
            json={
                "desk_name": name,
                "desk_cert_pem": desk.cert_pem.decode(),
                "spake_msg": spake.msg.hex(),
            },
        )
        r.raise_for_status()
        start = r.json()
        mac = spake.confirm(bytes.fromhex(start["spake_msg"]))
        r = await http.post("/pair/finish", json={"attempt": start["attempt"], "mac": mac.hex()})
        r.raise_for_status()
        out = r.json()
        spake.open(bytes.fromhex(out["mac"]), bytes.fromhex(out["sealed_secret"]))
        return int(out["desk_id"])


def seed_users() -> None:
    """The office staff (db thread)."""
    boss = Actor(None, None, "設置")
    for name, role in ROLES.items():
        create_user(boss, name, role=role, password_hash=hash_password(PASSWORDS[name]))
