"""A second process of N paired, logged-in desks that timestamps every pop they receive.

`python -m appliance.bench._desk_swarm` reads one JSON line on stdin (port, box certificate
PEM, pairing code, username, password, desks), pairs desk 1 with the code and every further
desk with a code the admin opens, prints `ready`, then one JSON line per pop per desk:
`{"desk": i, "call_id": ..., "number": ..., "t": <CLOCK_MONOTONIC seconds>}`."""

from __future__ import annotations

import asyncio
import json
import ssl
import sys
import time
from typing import Any

import httpx
import websockets

from appliance.contract.identity import Identity, make_identity
from appliance.contract.pairing_proof import DeskHandshake
from appliance.contract.tls import client_context

READY_S = 60.0  # every desk's event stream open by then, or the swarm exits with the reason


def _http(port: int, ctx: ssl.SSLContext, token: str = "") -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(
        base_url=f"https://127.0.0.1:{port}", verify=ctx, timeout=30, headers=headers
    )


async def pair(port: int, box_fp: str, code: str, name: str) -> Identity:
    """Pair one desk over the real SPAKE2 endpoints; returns its identity."""
    ident = make_identity(name)
    hand = DeskHandshake(code, ident.fingerprint, box_fp)
    async with _http(port, client_context(None, None)) as http:
        r = await http.post(
            "/pair/start",
            json={
                "desk_name": name,
                "desk_cert_pem": ident.cert_pem.decode(),
                "spake_msg": hand.msg.hex(),
            },
        )
        r.raise_for_status()
        start = r.json()
        mac = hand.confirm(bytes.fromhex(start["spake_msg"]))
        r = await http.post("/pair/finish", json={"attempt": start["attempt"], "mac": mac.hex()})
        r.raise_for_status()
    return ident


async def login(port: int, cert: bytes, ident: Identity, user: str, password: str) -> str:
    """Log in on a paired desk; returns the session token."""
    async with _http(port, client_context(ident, cert)) as http:
        r = await http.post("/login", json={"username": user, "password": password})
        r.raise_for_status()
        token: str = r.json()["token"]
        return token


async def open_pairing(port: int, cert: bytes, ident: Identity, token: str) -> str:
    """An admin opens pairing for the next desk; returns the code."""
    async with _http(port, client_context(ident, cert), token) as http:
        r = await http.post("/pair/open")
        r.raise_for_status()
        code: str = r.json()["code"]
        return code


async def listen(
    i: int, port: int, cert: bytes, ident: Identity, token: str, ready: asyncio.Event
) -> None:
    """Print a timestamped line for every pop this desk receives."""
    url = f"wss://127.0.0.1:{port}/events"
    headers = {"Authorization": f"Bearer {token}"}
    async with websockets.connect(
        url, ssl=client_context(ident, cert), additional_headers=headers, max_size=2**22
    ) as ws:
        ready.set()
        async for raw in ws:
            t = time.monotonic()
            event = json.loads(raw)
            if event["kind"] == "pop":
                data = event["data"]
                line = {"desk": i, "call_id": data["call_id"], "number": data["number"], "t": t}
                sys.stdout.write(json.dumps(line) + "\n")
                sys.stdout.flush()


async def main(cfg: dict[str, Any]) -> None:
    """Pair, log in, listen."""
    port, cert, fp = int(cfg["port"]), str(cfg["cert"]).encode(), str(cfg["fingerprint"])
    code = str(cfg["code"])
    desks: list[tuple[Identity, str]] = []
    for i in range(int(cfg["desks"])):
        ident = await pair(port, fp, code, f"bench-desk-{i + 1}")
        token = await login(port, cert, ident, cfg["username"], cfg["password"])
        desks.append((ident, token))
        if i + 1 < int(cfg["desks"]):
            code = await open_pairing(port, cert, ident, token)
    readies = [asyncio.Event() for _ in desks]
    tasks = [
        asyncio.create_task(listen(i, port, cert, ident, token, readies[i]))
        for i, (ident, token) in enumerate(desks)
    ]
    every_ready: asyncio.Future[Any] = asyncio.ensure_future(
        asyncio.gather(*(r.wait() for r in readies))
    )
    watched: list[asyncio.Future[Any]] = [every_ready, *tasks]
    await asyncio.wait(watched, timeout=READY_S, return_when="FIRST_COMPLETED")
    if not every_ready.done():  # a desk failed to connect, or time ran out: say so, do not hang
        failed = [t.exception() for t in tasks if t.done() and t.exception() is not None]
        raise RuntimeError(f"desks not connected after {READY_S} s: {failed[:1]}")
    print("ready", flush=True)
    await asyncio.gather(*tasks)


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.stdin.readline())))
