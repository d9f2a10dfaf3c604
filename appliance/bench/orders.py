"""`ringdesk bench orders`: orders confirmed on a seeded box process (modem emulator line, the
printer emulator as its printer) with 10 desks listening: order → whole slip at the printer,
a status change reaching every desk, orders a second, the usual order's keys."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

from appliance.bench._desk_swarm import login, open_pairing, pair
from appliance.bench._popkit import (
    BENCH_PASSWORD,
    BENCH_USER,
    TimedEmulator,
    percentile,
    prepare_box,
    start_box,
    stop_process,
)
from appliance.bench.result import BenchResult, Budget
from appliance.contract.identity import Identity
from appliance.contract.tls import client_context
from appliance.printing.emulator.server import PrinterEmulator

_FULL = {"customers": 100_000, "calls": 200_000, "desks": 10, "timed": 60, "burst": 200}
_QUICK = {"customers": 2_000, "calls": 4_000, "desks": 10, "timed": 15, "burst": 40}
USUAL_ORDER_KEYS = ("u", "ctrl+s")  # the pop's flow, driven key by key in tests/tui


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a box, run it with the printer emulator, time orders, slips and board moves."""
    sizes = _QUICK if getattr(args, "quick", False) else _FULL
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-orders-") as tmp_name:
        return asyncio.run(_measure(Path(tmp_name), sizes))


def _prepare(
    data: Path, sizes: dict[str, int], printer_port: int, modem: str
) -> tuple[list[int], int]:
    """The seeded box with the demo menu; (customer ids to order for, past orders)."""
    from appliance.core.actor import Actor
    from appliance.db.models import Customer, Order
    from appliance.demo.menu import add_menu
    from appliance.vault.session import demo_vault

    printer = [
        "[[printers]]",
        'name = "counter"',
        'role = "all"',
        'host = "127.0.0.1"',
        f"port = {printer_port}",
        "retry_s = 0.2",
        "retry_max_s = 1",
    ]
    prepare_box(data, sizes["customers"], sizes["calls"], [("line1", modem)], other_lines=printer)
    store = demo_vault(data).open_store()
    try:
        store.executor.call(add_menu, Actor.system("bench"))
        ids = store.executor.call(
            lambda: [int(c.id) for c in Customer.select(Customer.id).limit(2000)]
        )
        past = int(store.executor.call(lambda: Order.select().count()))
    finally:
        store.close()
    return ids, past


class Desk:
    """One paired, logged-in desk: its HTTP client and the order events it has seen."""

    def __init__(self, port: int, cert: bytes, ident: Identity, token: str) -> None:
        self.ctx = client_context(ident, cert)
        self.http = httpx.AsyncClient(
            base_url=f"https://127.0.0.1:{port}",
            verify=self.ctx,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        self.url, self.token = f"wss://127.0.0.1:{port}/events", token
        self.seen: dict[tuple[int, str], float] = {}
        self.ready = asyncio.Event()

    async def listen(self) -> None:
        """Timestamp every order event."""
        headers = {"Authorization": f"Bearer {self.token}"}
        async with websockets.connect(
            self.url, ssl=self.ctx, additional_headers=headers, max_size=2**22
        ) as ws:
            self.ready.set()
            async for raw in ws:
                t = time.monotonic()
                event = json.loads(raw)
                if event["kind"] == "order":
                    self.seen.setdefault((event["data"]["id"], event["data"]["status"]), t)


async def _desks(ready: dict[str, Any], data: Path, count: int) -> list[Desk]:
    port, cert = int(ready["port"]), (data / "box-cert.pem").read_bytes()
    code, out = str(ready["pairing_code"]), []
    for i in range(count):
        ident = await pair(port, str(ready["fingerprint"]), code, f"bench-desk-{i + 1}")
        token = await login(port, cert, ident, BENCH_USER, BENCH_PASSWORD)
        out.append(Desk(port, cert, ident, token))
        if i + 1 < count:
            code = await open_pairing(port, cert, ident, token)
    return out


async def _order(desk: Desk, customer: int, product: int) -> dict[str, Any]:
    body = {"items": [{"product_id": product, "qty": 2}], "service": "pickup", "payment": "cash"}
    r = await desk.http.post(f"/customers/{customer}/orders", json=body)
    r.raise_for_status()
    out: dict[str, Any] = r.json()
    return out


async def _burst(desk: Desk, count: int, ids: list[int], product: int, rng: random.Random) -> None:
    """One desk taking orders one after another, as fast as the box confirms them."""
    for _ in range(count):
        await _order(desk, rng.choice(ids), product)


async def _until(test: Any, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if test():
            return True
        await asyncio.sleep(0.002)
    return False


async def _measure(tmp: Path, sizes: dict[str, int]) -> BenchResult:
    arrived: list[float] = []
    printer = PrinterEmulator(None, port=0, on_job=lambda _j, _p: arrived.append(time.monotonic()))
    await printer.start()
    dev = tmp / "dev"
    dev.mkdir()
    modem = TimedEmulator("conexant", link_dir=dev)
    await modem.start()
    data = tmp / "box"
    ids, past = await asyncio.to_thread(_prepare, data, sizes, printer.port, f"{dev}/ttyACM*")
    log = (tmp / "box.log").open("w", encoding="utf-8")
    box, _, ready = await asyncio.to_thread(start_box, data, log)
    rng = random.Random(20)
    slip_ms: list[float] = []
    board_ms: list[float] = []
    try:
        desks = await _desks(ready, data, sizes["desks"])
        tasks = [asyncio.create_task(d.listen()) for d in desks]
        await asyncio.gather(*(d.ready.wait() for d in desks))
        menu = (await desks[0].http.get("/menu")).json()
        product = int(menu["products"][0]["id"])
        for _ in range(sizes["timed"]):
            want = len(arrived) + 2  # the kitchen ticket and the customer's slip
            t0 = time.monotonic()
            order = await _order(desks[0], rng.choice(ids), product)
            if await _until(lambda w=want: len(arrived) >= w):
                slip_ms.append((arrived[want - 1] - t0) * 1000)
            t0 = time.monotonic()
            body = {"version": order["version"], "status": "cooking"}
            (await desks[1].http.put(f"/orders/{order['id']}/status", json=body)).raise_for_status()
            key = (int(order["id"]), "cooking")
            await _until(lambda k=key: all(k in d.seen for d in desks))
            board_ms += [(d.seen[key] - t0) * 1000 for d in desks if key in d.seen]
        t0 = time.monotonic()
        each = sizes["burst"] // len(desks)
        await asyncio.gather(*(_burst(d, each, ids, product, rng) for d in desks))
        per_s = each * len(desks) / (time.monotonic() - t0)
        total = 2 * (sizes["timed"] + each * len(desks))
        await _until(lambda: len(arrived) >= total, 60.0)  # every slip out before the stop
        for t in tasks:
            t.cancel()
        for d in desks:
            await d.http.aclose()
    finally:
        stop_process(box)
        log.close()
        await printer.stop()
        await modem.stop()
    result = BenchResult("orders")
    result.figures = {
        "usual_order_keys": len(USUAL_ORDER_KEYS),
        "order_to_slip_ms": round(percentile(slip_ms, 0.99), 1),
        "board_update_p99_ms": round(percentile(board_ms, 0.99), 2),
        "orders_per_s": round(per_s, 1),
    }
    result.budgets = {
        "usual_order_keys": Budget(4),
        "order_to_slip_ms": Budget(500.0),
        "board_update_p99_ms": Budget(50.0),
        "orders_per_s": Budget(20.0, at_least=True),
    }
    result.context = {
        **sizes,
        "past_orders": past,
        "slips_timed": len(slip_ms),
        "board_arrivals": len(board_ms),
        "clock": "order sent -> the emulator has both slips; status PUT -> each desk's event",
    }
    return result
