"""`ringdesk desk --headless`: pair, log in, print each pop/call event as one line (or JSON).

Also a small library for benches: connect N desks and record when each event arrives.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from appliance.contract import Event
from tui.client.desk_api import DeskApi
from tui.client.event_socket import LinkState
from tui.format import event_line
from tui.i18n import both

SHOWN = frozenset({"pop", "call", "callback_due"})


async def print_events(
    client: DeskApi,
    *,
    as_json: bool = False,
    max_events: int = 0,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    kinds: Iterable[str] = SHOWN,
    on_event: Callable[[Event], None] | None = None,
    notes: Iterable[str] = (),
) -> int:
    """Print shown events until max_events (0: forever) have been printed; returns the count.
    on_event sees every event, shown or not; `notes` go to err once, after the first
    "listening" line (which scripts wait for)."""
    wanted, printed, pending = frozenset(kinds), 0, list(notes)
    stream = client.events()
    async for item in stream:
        if on_event is not None and not isinstance(item, LinkState):
            on_event(item)
        if isinstance(item, LinkState):
            msg = (
                both("headless.listening", box=client.box.name)
                if item.connected
                else (both("link.down", retry=item.retry_in) + f" ({item.why})")
            )
            print(msg, file=err, flush=True)
            if item.connected:
                for note in pending:
                    print(f"ringdesk desk: {note}", file=err, flush=True)
                pending = []
            continue
        if item.kind not in wanted:
            continue
        if as_json:
            line = json.dumps(
                {
                    "seq": item.seq,
                    "kind": item.kind,
                    "data": item.data,
                    "received_ns": time.time_ns(),
                },
                ensure_ascii=False,
            )
        else:
            line = event_line(item) or f"{item.kind} {item.data}"
        print(line, file=out, flush=True)
        printed += 1
        if max_events and printed >= max_events:
            await stream.close()
    return printed


@dataclass(frozen=True)
class Arrival:
    """One event seen by one desk; `at_ns` is time.monotonic_ns() (system-wide on Linux)."""

    desk: int
    seq: int
    kind: str
    call_id: int | None
    at_ns: int


async def record_arrivals(
    clients: list[DeskApi],
    stop: asyncio.Event,
    kinds: Iterable[str] = ("pop",),
    all_connected: asyncio.Event | None = None,
) -> list[Arrival]:
    """Stream events on every client until `stop` is set; every wanted event, as it arrived.

    `all_connected` is set once every desk's stream is up (place calls after that).
    """
    wanted = frozenset(kinds)
    seen: list[Arrival] = []
    up: set[int] = set()

    async def one(index: int, client: DeskApi) -> None:
        stream = client.events()
        async for item in stream:
            if isinstance(item, LinkState):
                if item.connected:
                    up.add(index)
                    if all_connected is not None and len(up) == len(clients):
                        all_connected.set()
                continue
            if isinstance(item, Event) and item.kind in wanted:
                call_id = item.data.get("call_id", item.data.get("id"))
                seen.append(
                    Arrival(
                        index,
                        item.seq,
                        item.kind,
                        call_id if isinstance(call_id, int) else None,
                        time.monotonic_ns(),
                    )
                )
            if stop.is_set():
                break

    async def stopper(tasks: list[asyncio.Task[None]]) -> None:
        await stop.wait()
        for task in tasks:
            task.cancel()

    tasks = [asyncio.create_task(one(i, c)) for i, c in enumerate(clients)]
    stopping = asyncio.create_task(stopper(tasks))
    await asyncio.gather(*tasks, return_exceptions=True)
    stopping.cancel()
    return seen


async def wait_connected(clients: list[DeskApi], timeout_s: float = 10.0) -> None:
    """Check every client reaches the box (GET /me), so a bench starts with all desks up."""
    async with asyncio.timeout(timeout_s):
        await asyncio.gather(*(c.me() for c in clients))
