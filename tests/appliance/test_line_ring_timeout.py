"""A line's own ring timeout (ringdesk.toml) decides when its ringing call is missed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from appliance.callflow import CallFlow
from appliance.config import parse_config
from appliance.core.events import EventHub
from appliance.vault.keys import Argon2Params
from appliance.vault.session import VaultSession
from appliance.vault.vault import Vault
from drivers.base import Ring

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
T0 = datetime(2026, 12, 7, 10, 0, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _states(hub: EventHub) -> list[str]:
    return [str(e.data["state"]) for e in hub.since(0) if e.kind == "call"]


async def test_a_line_set_to_ten_seconds_is_not_missed_at_seven(tmp_path: Path) -> None:
    Vault.create(tmp_path / "data", argon=FAST)[0].open_store(create=True).close()
    config = parse_config(
        {
            "lines": [
                {"name": "slow", "driver": "simulated", "ring_timeout_s": 10},
                {"name": "quick", "driver": "simulated"},
            ]
        }
    )
    hub, clock = EventHub(), Clock()
    flow = CallFlow(hub, config, VaultSession(tmp_path / "data"), clock=clock)
    await flow.router.handle(Ring("slow", at=T0))
    await flow.router.handle(Ring("quick", at=T0))
    clock.now = T0 + timedelta(seconds=7.5)
    await flow.router.tick()
    assert flow.router.machine("slow").state.value == "ringing"
    assert flow.router.machine("quick").state.value == "missed"  # the default, 7 s
    clock.now = T0 + timedelta(seconds=10)
    await flow.router.tick()
    assert flow.router.machine("slow").state.value == "missed"
    assert _states(hub) == ["missed", "missed"]
