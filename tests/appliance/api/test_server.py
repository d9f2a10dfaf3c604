"""The API over real TLS 1.3 on loopback: pairing, pinning, refusals, events resume."""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import websockets

from appliance.api import peers
from appliance.api.event_stream import writes_whole
from appliance.api.server import BoxServer
from appliance.api.state import ApiState, BoxHooks
from appliance.contract.identity import make_identity
from appliance.contract.pairing_proof import DeskHandshake
from appliance.contract.tls import client_context
from appliance.core.access import sessions
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.users import create_user
from appliance.db.store import Store

BOX = make_identity("ringdesk-box", server_names=["localhost", "127.0.0.1"])
DESK = make_identity("desk-reception")
STRANGER = make_identity("desk-stranger")
ISSUED: list[tuple[str, bytes]] = []


async def _issue(name: str) -> bytes:
    secret = os.urandom(32)
    ISSUED.append((name, secret))
    return secret


@pytest.fixture
async def box() -> AsyncIterator[BoxServer]:
    server = BoxServer(ApiState(box=BOX, hooks=BoxHooks(_issue)))
    await server.start()
    yield server
    await server.stop()


def _client(server: BoxServer, ctx: ssl.SSLContext) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=f"https://127.0.0.1:{server.port}", verify=ctx)


async def _pair(server: BoxServer, code: str, name: str = "受付") -> tuple[int, bytes]:
    async with _client(server, client_context(None, None)) as http:
        desk = DeskHandshake(code, DESK.fingerprint, BOX.fingerprint)
        r = await http.post(
            "/pair/start",
            json={
                "desk_name": name,
                "desk_cert_pem": DESK.cert_pem.decode(),
                "spake_msg": desk.msg.hex(),
            },
        )
        if r.status_code == 409:
            raise PermissionError(r.json()["detail"])
        r.raise_for_status()
        start = r.json()
        mac = desk.confirm(bytes.fromhex(start["spake_msg"]))
        r = await http.post("/pair/finish", json={"attempt": start["attempt"], "mac": mac.hex()})
        if r.status_code != 200:
            raise PermissionError(r.json()["detail"])
        out = r.json()
        secret = desk.open(bytes.fromhex(out["mac"]), bytes.fromhex(out["sealed_secret"]))
        return out["desk_id"], secret


async def test_pair_then_mutual_tls(box: BoxServer) -> None:
    async with _client(box, client_context(None, None)) as http:
        assert (await http.get("/me")).status_code == 403  # unpaired: pairing only
        assert (await http.get("/openapi.json")).status_code == 200
    assert box.state.pairing is not None
    code = box.state.pairing.open()
    desk_id, secret = await _pair(box, code)
    assert ISSUED[-1] == ("受付", secret) and len(secret) == 32
    async with _client(box, client_context(DESK, BOX.cert_pem)) as http:
        me = (await http.get("/me")).json()
    assert me == {"desk_id": desk_id, "fingerprint": DESK.fingerprint}
    with pytest.raises((ssl.SSLError, httpx.HTTPError)):
        async with _client(box, client_context(STRANGER, BOX.cert_pem)) as http:
            await http.get("/me")


async def test_wrong_code_three_times_kills_it(box: BoxServer) -> None:
    assert box.state.pairing is not None
    code = box.state.pairing.open()
    wrong = f"{(int(code) + 7) % 10**8:08d}"
    for _ in range(3):
        with pytest.raises(PermissionError, match="wrong code"):
            await _pair(box, wrong)
    with pytest.raises(PermissionError, match="not open"):  # the right code no longer works
        await _pair(box, code)


async def test_the_days_wrong_guesses_survive_a_restart(tmp_path: Path) -> None:
    """Ten wrong codes close pairing for the day; a restarted box on the same data directory
    still counts them (an admin's reopening then allows one guess, not ten)."""
    first = BoxServer(ApiState(box=BOX, hooks=BoxHooks(_issue), pairing_ledger=tmp_path))
    await first.start()
    try:
        for _ in range(4):
            code = first.state.pairing.open()
            for _ in range(3):
                with pytest.raises(PermissionError, match=r"wrong|not open"):
                    await _pair(first, f"{(int(code) + 7) % 10**8:08d}")
        assert first.state.pairing.closed_for_day
    finally:
        await first.stop()
    assert (tmp_path / "pairing-failures.json").stat().st_mode & 0o777 == 0o600
    again = BoxServer(ApiState(box=BOX, hooks=BoxHooks(_issue), pairing_ledger=tmp_path))
    await again.start()
    try:
        assert again.state.pairing.closed_for_day and not again.state.pairing.is_open
        code = again.state.pairing.open()  # the admin reopens: one guess left today
        with pytest.raises(PermissionError, match="wrong code"):
            await _pair(again, f"{(int(code) + 7) % 10**8:08d}")
        with pytest.raises(PermissionError, match="not open"):
            await _pair(again, code)
        code = again.state.pairing.open()
        desk_id, _ = await _pair(again, code)  # the right code on a reopened window works
        assert again.state.desks.pinned[DESK.fingerprint] == desk_id
    finally:
        await again.stop()


async def test_unfinished_pairings_are_not_kept_without_bound(box: BoxServer) -> None:
    box.state.pairing.open()
    async with _client(box, client_context(None, None)) as http:
        for n in range(30):
            desk = DeskHandshake("12345678", DESK.fingerprint, BOX.fingerprint)
            body = {"desk_name": f"d{n}", "desk_cert_pem": DESK.cert_pem.decode()}
            r = await http.post("/pair/start", json={**body, "spake_msg": desk.msg.hex()})
            assert r.status_code == 200
    assert len(box.state.desks.pending) <= 8


async def test_a_taken_desk_name_is_refused_before_the_code_is_spent() -> None:
    state = ApiState(box=BOX, hooks=BoxHooks(_issue, desk_name_taken=lambda name: name == "受付"))
    server = BoxServer(state)
    await server.start()
    try:
        assert state.pairing is not None
        with pytest.raises(PermissionError, match="not open"):  # closed: names are not probed
            await _pair(server, "12345678", "受付")
        code = state.pairing.open()
        with pytest.raises(PermissionError, match="already paired"):
            await _pair(server, code, "受付")
        desk_id, _ = await _pair(server, code, "受付 2")  # the same code still works
        assert state.desks.pinned[DESK.fingerprint] == desk_id
    finally:
        await server.stop()


async def test_events_resume_after_a_drop(box: BoxServer) -> None:
    assert box.state.pairing is not None
    await _pair(box, box.state.pairing.open())
    url = f"wss://127.0.0.1:{box.port}/events"
    ctx = client_context(DESK, BOX.cert_pem)
    hub = box.state.hub
    async with websockets.connect(url, ssl=ctx) as ws:
        hub.publish("ring", {"line": "1"})
        first = json.loads(await ws.recv())
    assert first["seq"] == 1
    for i in range(5):  # published while the desk is away
        hub.publish("ring", {"n": i})
    async with websockets.connect(f"{url}?since={first['seq']}", ssl=ctx) as ws:
        hub.publish("status", {"locked": True})
        got = [json.loads(await ws.recv())["seq"] for _ in range(6)]
    assert got == [2, 3, 4, 5, 6, 7]
    with pytest.raises(websockets.exceptions.WebSocketException):
        async with websockets.connect(url, ssl=client_context(None, None)) as ws:
            await ws.recv()


async def test_a_burst_of_events_arrives_whole_and_in_order(box: BoxServer) -> None:
    assert box.state.pairing is not None
    await _pair(box, box.state.pairing.open())
    hub = box.state.hub
    url, ctx = f"wss://127.0.0.1:{box.port}/events", client_context(DESK, BOX.cert_pem)
    async with websockets.connect(url, ssl=ctx, max_size=None) as ws:
        # the client offers permessage-deflate; the box declines, so frames go out ready-made
        assert ws.protocol.extensions == []
        [raw] = peers.SOCKETS.values()
        assert writes_whole(raw)
        sent = [  # `status` goes to a stream without a session as it is
            hub.publish("status", {"warnings": ["警告"], "i": i, "notes": "メモ" * (i * 3000)})
            for i in range(15)
        ]
        got = [json.loads(await ws.recv()) for _ in sent]
    assert [g["seq"] for g in got] == [e.seq for e in sent]
    assert [g["data"] for g in got] == [e.data for e in sent]


def _creds(username: str, password: str) -> dict[str, str]:
    return {"username": username, "password": password}


@asynccontextmanager
async def _paired_with_user(tmp_path: Path, role: str) -> AsyncIterator[BoxServer]:
    """A box with a store holding user suzuki (shinjuku-gyoen-7) and DESK paired."""
    store = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    await store.executor.run(
        create_user,
        Actor(None, None, "管理者"),
        "suzuki",
        role=role,
        password_hash=hash_password("shinjuku-gyoen-7"),
    )
    server = BoxServer(ApiState(box=BOX, hooks=BoxHooks(_issue), store=store))
    await server.start()
    try:
        assert server.state.pairing is not None
        await _pair(server, server.state.pairing.open())
        yield server
    finally:
        await server.stop()
        await store.aclose()


async def test_login_on_a_paired_desk(tmp_path: Path) -> None:
    async with (
        _paired_with_user(tmp_path, "manager") as server,
        _client(server, client_context(DESK, BOX.cert_pem)) as http,
    ):
        ok = await http.post("/login", json=_creds("Suzuki", "shinjuku-gyoen-7"))
        bad = await http.post("/login", json=_creds("suzuki", "nope-nope-nope"))
        ghost = await http.post("/login", json=_creds("ghost", "nope-nope-nope"))
    assert ok.status_code == 200 and ok.json()["role"] == "manager"
    assert len(ok.json()["token"]) == 32
    assert bad.status_code == ghost.status_code == 401
    assert bad.json() == ghost.json()  # no user enumeration


async def test_a_login_checks_its_password_off_the_database_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checking, release = threading.Event(), threading.Event()
    threads: list[str] = []
    verify = sessions._verify

    def slow_verify(stored: str, password: str) -> bool:
        threads.append(threading.current_thread().name)
        checking.set()
        release.wait(10)
        return verify(stored, password)

    monkeypatch.setattr(sessions, "_verify", slow_verify)
    try:
        async with (
            _paired_with_user(tmp_path, "operator") as server,
            _client(server, client_context(DESK, BOX.cert_pem)) as http,
        ):
            creds = _creds("suzuki", "shinjuku-gyoen-7")
            login = asyncio.create_task(http.post("/login", json=creds))
            assert await asyncio.to_thread(checking.wait, 10)
            # a ringing call's lookup is not held up by the password check
            store = server.state.store
            assert store is not None
            assert await asyncio.wait_for(store.executor.run(lambda: 1 + 1), 5) == 2
            release.set()
            assert (await login).status_code == 200
    finally:
        release.set()
    assert threads and all(name.startswith("argon2") for name in threads)
