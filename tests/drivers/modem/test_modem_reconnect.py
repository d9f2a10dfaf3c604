"""The modem vanishes and comes back (renumbered): status, re-initialisation, no call lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.base import CallerId, DeviceStatus, OnHook
from drivers.modem import ModemDriver, ModemEmulator
from drivers.modem.transport import candidates


async def test_unplug_replug_renumbered_reinitialises_and_keeps_calls(rig: Any) -> None:
    emu, _driver, events = await rig("conexant")
    first = (await events.connected()).detail
    assert "ttyACM0" in first
    await emu.unplug()
    lost = await events.first(DeviceStatus, after=len(events.seen))
    assert lost.state == "reconnecting"
    path = await emu.replug()
    assert path.endswith("ttyACM1")
    status = await events.connected(2)
    assert "ttyACM1" in status.detail and "caller ID on" in status.detail
    assert emu.core.cid == 1  # the fresh power-on modem had caller ID off: it was re-enabled
    emu.place_call("0312345678", "イノウエ", rings=2, ring_interval_s=0.15)
    cid = await events.first(CallerId)
    assert cid.number == "0312345678"


async def test_call_arriving_right_at_replug_is_not_lost(rig: Any) -> None:
    emu, _driver, events = await rig("usr5637")
    for k in range(5):
        await emu.unplug()
        await emu.replug(renumber=k % 2 == 0)
        emu.place_call(f"03123400{k:02d}", rings=3, ring_interval_s=0.3)
        await events.until(
            lambda s, k=k: any(
                isinstance(e, CallerId) and e.number == f"03123400{k:02d}" for e in s
            ),
            6,
        )
    assert len(events.of(CallerId)) == 5


async def test_mid_call_unplug_ends_the_call(rig: Any) -> None:
    from drivers.base import Answer
    from drivers.modem import talk

    emu, driver, events = await rig("conexant")
    emu.place_call("0312345678", rings=6, ring_interval_s=0.2, caller=(talk(5),))
    await events.until(lambda s: emu.core.line.ringing)
    await driver.send(Answer("line1"))
    await emu.unplug()
    hung = await events.first(OnHook)
    assert not hung.remote and driver.voice.state == "idle"


async def test_list_of_candidates_first_existing_wins(
    tmp_path: Path, fast: dict[str, Any], watch: Any
) -> None:
    emu = ModemEmulator("agere")
    real = await emu.start()
    missing = str(tmp_path / "nothing-here")
    assert candidates([missing, real, real]) == [real]
    driver = ModemDriver("line2", [missing, real], **fast)
    await driver.start()
    events = watch(driver)
    try:
        status = await events.connected()
        assert real in status.detail and status.line == "line2"
    finally:
        await driver.stop()
        await emu.stop()


async def test_power_glitch_reset_is_noticed_and_caller_id_re_enabled(rig: Any) -> None:
    emu, _driver, events = await rig("conexant", check_s=0.2)
    emu.glitch()
    assert emu.core.cid == 0
    status = await events.first(DeviceStatus, after=len(events.seen))
    assert "re-enabled" in status.detail and emu.core.cid == 1
    emu.place_call("0312345678", "ノイズ テスト", rings=2, ring_interval_s=0.15)
    cid = await events.first(CallerId)
    assert cid.name == "ノイズ テスト"


async def test_line_noise_from_the_modem_never_stops_the_driver(rig: Any) -> None:
    import random

    from drivers.base import Unparsed

    emu, _driver, events = await rig("usr5637")
    rng = random.Random(5)
    for _ in range(20):
        emu.port.write(rng.randbytes(rng.randrange(1, 200)) + b"\r\n")
    emu.place_call("0312345678", "ノイズ", rings=2, ring_interval_s=0.2)
    cid = await events.first(CallerId)
    assert cid.number == "0312345678" and events.of(Unparsed)


def test_driver_is_a_line_driver() -> None:
    from drivers.base import LineDriver

    assert isinstance(ModemDriver("line1", "/dev/ttyACM*"), LineDriver)
