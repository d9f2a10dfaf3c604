"""The box's call flow in one process: locked calls sealed and merged at unlock, blocked
numbers hung up where the line can, pops and call events on the hub."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.callflow import CallFlow
from appliance.config import parse_config
from appliance.contract import PopOut
from appliance.core.actor import Actor
from appliance.core.blocklist import block_number
from appliance.core.calls.router import CallUpdate
from appliance.core.events import EventHub
from appliance.db.models import Call
from appliance.vault.keys import Argon2Params
from appliance.vault.session import VaultSession
from appliance.vault.vault import Vault
from drivers.base import HangUp, LineCommand, OffHook, Ring
from drivers.simulated import ScriptedCall, SimulatedLine

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
CONFIG = parse_config(
    {
        "lines": [
            {
                "name": "line1",
                "driver": "simulated",
                "ring_timeout_s": 0.05,
                "auto_hangup_blocked": True,
            }
        ]
    }
)


@dataclass
class WatchedLine(SimulatedLine):
    """The simulated line, remembering the commands the box sent it."""

    sent: list[LineCommand] = field(default_factory=list)

    async def send(self, command: LineCommand) -> None:
        self.sent.append(command)
        await super().send(command)


async def _play(flow: CallFlow, calls: list[ScriptedCall]) -> WatchedLine:
    line = WatchedLine(calls=calls, pace=0.002)
    await line.start()
    flow.start()
    await asyncio.wait_for(flow.run_line(line, ["line1"]), 30)
    await flow.stop()
    return line


async def test_calls_while_locked_are_sealed_then_merged_at_unlock(tmp_path: Path) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    unlocked.open_store(create=True).close()
    session = VaultSession(tmp_path / "data")
    hub = EventHub()
    flow = CallFlow(hub, CONFIG, session)
    await _play(
        flow,
        [
            ScriptedCall("0312345678", rings=1, talk_s=0.01),
            ScriptedCall(None, rings=1, answered=False),
        ],
    )
    pops = [e.data for e in hub.since(0) if e.kind == "pop"]
    assert [p["locked"] for p in pops] == [True, True]
    assert pops[0]["number"] == "0312345678"
    report = await session.unlock_with_recovery(code)
    assert report.applied == 2
    assert session.store is not None
    numbers: Any = await session.store.executor.run(
        lambda: [c.number for c in Call.select().order_by(Call.id)]
    )
    assert numbers == ["0312345678", ""]
    await session.lock()


async def test_a_blocked_number_is_marked_and_hung_up(tmp_path: Path) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    unlocked.open_store(create=True).close()
    session = VaultSession(tmp_path / "data")
    await session.unlock_with_recovery(code)
    assert session.store is not None
    await session.store.executor.run(block_number, Actor.system("test"), "0120-444-444", "営業")
    hub = EventHub()
    flow = CallFlow(hub, CONFIG, session)
    line = await _play(
        flow,
        [
            ScriptedCall("0120444444", rings=3, talk_s=5.0),
            ScriptedCall("0312345678", rings=1, talk_s=0.01),
        ],
    )
    pops = [e.data for e in hub.since(0) if e.kind == "pop"]
    assert [p["blocked_number"] for p in pops] == [True, False]
    assert [type(c).__name__ for c in line.sent] == ["Answer", "HangUp"]
    assert isinstance(line.sent[-1], HangUp)
    calls = [e.data for e in hub.since(0) if e.kind == "call"]
    assert {c["id"] for c in calls} == {p["call_id"] for p in pops}
    await session.lock()


async def test_a_desk_joining_mid_call_gets_the_pop_as_published(tmp_path: Path) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    unlocked.open_store(create=True).close()
    session = VaultSession(tmp_path / "data")
    await session.unlock_with_recovery(code)
    flow = CallFlow(EventHub(), CONFIG, session)
    seen: list[PopOut | None] = []

    async def answered(update: CallUpdate) -> None:
        if update.kind == "answered":
            seen.append(flow.current_pop(update.call_id))

    flow.observers.append(answered)
    await _play(flow, [ScriptedCall("0312345678", rings=1, talk_s=0.05)])
    [pop] = [e.data for e in flow.hub.since(0) if e.kind == "pop"]
    [live] = seen
    assert live is not None and live.model_dump(mode="json") == pop
    assert flow.current_pop(pop["call_id"]) is None  # the call is over
    await session.lock()


async def test_calls_left_ringing_by_a_crash_are_closed_when_the_flow_starts(
    tmp_path: Path,
) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    unlocked.open_store(create=True).close()
    session = VaultSession(tmp_path / "data")
    await session.unlock_with_recovery(code)
    assert session.store is not None

    def crashed() -> int:
        return int(Call.create(line="line1", state="ringing", number="09012345678").id)

    stuck = await session.store.executor.run(crashed)
    hub = EventHub()
    flow = CallFlow(hub, CONFIG, session)
    [closed] = await flow.sweep()
    assert (closed.id, closed.state, closed.disposition) == (stuck, "missed", "interrupted")
    assert [e.data["id"] for e in hub.since(0) if e.kind == "call"] == [stuck]
    assert await flow.sweep() == []
    await session.lock()


async def test_a_call_ended_at_a_desk_frees_its_line(tmp_path: Path) -> None:
    unlocked, code = Vault.create(tmp_path / "data", argon=FAST)
    unlocked.open_store(create=True).close()
    session = VaultSession(tmp_path / "data")
    await session.unlock_with_recovery(code)
    flow = CallFlow(EventHub(), CONFIG, session)
    machine = flow.router.machine("line1")
    await flow.router.handle(Ring("line1"))
    await flow.router.handle(OffHook("line1"))
    [call_id] = flow.router.calls_in_progress()
    flow.ended_at_desk(call_id)
    assert flow.router.calls_in_progress() == set() and machine.state.value == "ended"
    await flow.router.handle(Ring("line1"))  # the next call starts without ending the last
    kinds = [e.data.get("event") for e in flow.hub.since(0) if e.kind == "call"]
    assert kinds == ["answered"]
    await session.lock()
