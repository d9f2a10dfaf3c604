"""The router without sockets or a database: the store is chosen per call and kept to the
call's end, the pop is published when the store announces it, each line keeps its timeout."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from appliance.contract import CallOut, PopOut
from appliance.core.calls.machine import Transition
from appliance.core.calls.router import Announce, CallRouter, CallUpdate
from drivers.base import CallerId, OffHook, OnHook, Ring

T0 = datetime(2026, 12, 7, 10, 0, 0)


@dataclass
class FakeStore:
    """A CallStore keeping what it was asked, in order."""

    name: str
    first_id: int
    log: list[str] = field(default_factory=list)

    async def started(self, t: Transition) -> int:
        self.log.append(f"started {t.line}")
        return self.first_id + len(self.log)

    async def identified(self, call_id: int, t: Transition, announce: Announce) -> PopOut:
        assert t.caller is not None
        pop = PopOut(call_id=call_id, line=t.line, at=t.at, number=t.caller.number)
        self.log.append(f"identified {call_id}")
        announce(pop)
        self.log.append(f"committed {call_id}")
        return pop

    async def progressed(self, call_id: int, t: Transition) -> CallOut:
        self.log.append(f"{t.kind} {call_id}")
        return CallOut(
            id=call_id, line=t.line, direction="in", state=t.kind, started_at=t.at, event=t.kind
        )


@dataclass
class Desks:
    """A CallPublisher noting what reached the desks (and what the store had done by then)."""

    store: FakeStore | None = None
    seen: list[str] = field(default_factory=list)

    def pop(self, pop: PopOut) -> None:
        done = self.store.log[-1] if self.store is not None else ""
        self.seen.append(f"pop {pop.call_id} after {done!r}")

    async def update(self, update: CallUpdate) -> None:
        stored = update.call.state if update.call is not None else None
        self.seen.append(f"{update.kind} {update.call_id} stored {stored}")


async def test_a_call_keeps_the_store_it_began_with() -> None:
    sealed, db = FakeStore("sealed", -100), FakeStore("db", 0)
    current = [sealed]
    desks = Desks()
    router = CallRouter(lambda: current[0], desks)
    router.add_line("line1", 7.0)
    await router.handle(Ring("line1", at=T0))
    current[0] = db  # the box is unlocked mid-call
    await router.handle(CallerId("line1", number="0312345678", at=T0))
    await router.handle(OffHook("line1", at=T0 + timedelta(seconds=3)))
    await router.handle(OnHook("line1", at=T0 + timedelta(seconds=9)))
    assert sealed.log == [
        "started line1",
        "identified -99",
        "committed -99",
        "answered -99",
        "ended -99",
    ]
    assert db.log == []
    await router.handle(Ring("line1", at=T0 + timedelta(seconds=30)))  # the next call
    assert db.log == ["started line1"]


async def test_the_pop_goes_out_when_the_store_announces_it() -> None:
    store = FakeStore("db", 0)
    desks = Desks(store)
    router = CallRouter(lambda: store, desks)
    router.add_line("line1", 7.0)
    await router.handle(Ring("line1", at=T0))
    await router.handle(CallerId("line1", number="0312345678", at=T0))
    assert desks.seen == ["ring 1 stored None", "pop 1 after 'identified 1'"]


async def test_each_line_keeps_its_own_ring_timeout_and_the_tick_marks_missed() -> None:
    store = FakeStore("db", 0)
    desks = Desks()
    now = [T0]
    router = CallRouter(lambda: store, desks, clock=lambda: now[0])
    router.add_line("short", 3.0)
    router.add_line("long", 10.0)
    router.add_line("long", 3.0)  # a line's machine is made once: its timeout stays
    await router.handle(Ring("short", at=T0))
    await router.handle(Ring("long", at=T0))
    now[0] = T0 + timedelta(seconds=5)
    await router.tick()
    assert desks.seen[-1] == "missed 1 stored missed"
    assert router.machine("long").state.value == "ringing"
    now[0] = T0 + timedelta(seconds=10)
    await router.tick()
    assert desks.seen[-1] == "missed 2 stored missed"


async def test_an_event_of_a_line_without_a_machine_is_ignored() -> None:
    store = FakeStore("db", 0)
    router = CallRouter(lambda: store, Desks())
    await router.handle(Ring("nowhere", at=T0))
    assert store.log == []


async def test_a_pop_never_names_a_call_whose_row_is_not_kept_yet() -> None:
    kept = asyncio.Event()

    class SlowStore(FakeStore):
        async def started(self, t: Transition) -> int:
            await kept.wait()  # the commit of the call's row is slow
            self.log.append("row kept")
            return 7

    store = SlowStore("db", 0)
    desks = Desks(store)
    router = CallRouter(lambda: store, desks)
    router.add_line("line1", 7.0)
    # Japan and ETSI: the caller ID is the call's first event, its row and its pop in one go
    feeding = asyncio.create_task(router.handle(CallerId("line1", number="0312345678", at=T0)))
    await asyncio.sleep(0.01)
    assert store.log == [] and desks.seen == []
    kept.set()
    await feeding
    assert store.log == ["row kept", "identified 7", "committed 7"]
    assert desks.seen == ["pop 7 after 'identified 7'"]
