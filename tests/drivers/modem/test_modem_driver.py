"""ModemDriver against the pty emulator: init per chipset, ringing, caller ID, timeouts."""

from __future__ import annotations

from typing import Any

import pytest

from drivers.base import CallerId, DeviceStatus, Reason, Ring, RingingStopped


@pytest.mark.parametrize("chipset", ["conexant", "usr5637", "agere", "silabs", "rockwell"])
async def test_detects_chipset_and_enables_caller_id(rig: Any, chipset: str) -> None:
    emu, driver, events = await rig(chipset)
    status = await events.connected()
    assert driver.profile.key == chipset and "caller ID on" in status.detail
    assert emu.core.cid == 1
    assert emu.core.log[:2] == ["AT", "ATZ"] and "ATE0" in emu.core.log
    emu.place_call("0312345678", "ヤマダ タロウ", rings=3, ring_interval_s=0.15)
    cid = await events.first(CallerId)
    assert (cid.number, cid.name) == ("0312345678", "ヤマダ タロウ") and cid.raw
    stopped = await events.first(RingingStopped)
    assert stopped.rings == 3
    rings = events.of(Ring)
    assert [r.count for r in rings] == [1, 2, 3]
    if chipset == "agere":  # DRON=/DROF= lines give the cadence from the first ring on
        assert all(len(r.cadence_ms) == 2 for r in rings)
    else:  # the time between RING lines
        assert rings[0].cadence_ms == () and all(100 <= r.cadence_ms[0] <= 400 for r in rings[1:])


async def test_japan_number_display_on_conexant(rig: Any) -> None:
    emu, _driver, events = await rig("conexant", region="JP")
    assert emu.core.japan_cid and "AT+GCI=00" in emu.core.log and "AT!4886=01" in emu.core.log
    emu.place_call(None, reason="P", rings=2, ring_interval_s=0.15, cid_after_ring=0, japan=True)
    cid = await events.first(CallerId)
    assert cid.number is None and cid.reason is Reason.WITHHELD


async def test_configured_chipset_skips_detection(rig: Any) -> None:
    emu, _driver, _events = await rig("silabs", driver_chipset="silabs", region="JP")
    assert "ATI0" not in emu.core.log and "AT+VCDT=3" in emu.core.log and emu.core.japan_cid


async def test_unknown_chipset_is_a_clear_error() -> None:
    from drivers.modem import ModemDriver

    with pytest.raises(ValueError, match="known"):
        ModemDriver("line1", "/dev/null", chipset="hayes2000")


async def test_no_device_reports_failed(tmp_path: Any, fast: Any, watch: Any) -> None:
    from drivers.modem import ModemDriver

    driver = ModemDriver("line1", str(tmp_path / "ttyACM*"), **fast)
    await driver.start()
    events = watch(driver)
    status = await events.first(DeviceStatus)
    assert status.state == "failed" and "ttyACM*" in status.detail
    await driver.stop()


async def test_japan_caller_id_without_name_does_not_wait(rig: Any) -> None:
    emu, _driver, events = await rig("silabs", region="JP", cid_idle_s=30.0)
    emu.place_call("08012345678", None, rings=3, ring_interval_s=1.0, cid_after_ring=0, japan=True)
    cid = await events.first(CallerId, wait_s=1.0)  # long before the 30 s idle timeout
    assert cid.number == "08012345678" and cid.name is None


async def test_every_samples_block_through_emulator_and_driver(rig: Any) -> None:
    """Each samples.txt block, sent by the emulator as a call, reaches the box as expected."""
    from modem_notation import DATA

    from drivers.modem.emulator.script import sample_calls
    from drivers.modem.samples import EXPECTED, REFUSE, blocks

    text = (DATA / "samples.txt").read_text(encoding="utf-8")
    emu, _driver, events = await rig("usr5637")
    for call in sample_calls(text, rings=1, interval_s=0.12):
        emu.place_call(None, lines=call.lines, rings=1, ring_interval_s=0.12)
    want = [w for k in blocks(text) if EXPECTED[k] != REFUSE for w in EXPECTED[k]]

    def got(seen: list[Any]) -> list[tuple[Any, ...]]:
        code = lambda r: r.value if r else None  # noqa: E731
        return [
            (e.number, e.name, code(e.reason), code(e.name_reason))
            for e in seen
            if isinstance(e, CallerId)
        ]

    await events.until(lambda s: len(got(s)) >= len(want), wait_s=30)
    assert got(events.seen) == want


async def test_agere_reports_ring_cadence_from_dron_drof(rig: Any) -> None:
    emu, _driver, events = await rig("agere")
    assert "AT+VDR=1,0" in emu.core.log and emu.core.distinctive
    emu.place_call("0312345678", "ワタナベ", rings=2, ring_interval_s=0.3)
    await events.first(RingingStopped)
    rings = events.of(Ring)
    assert [r.cadence_ms for r in rings] == [(100, 200), (100, 200)]


async def test_modem_left_with_numeric_results_stored(tmp_path: Any, fast: Any, watch: Any) -> None:
    """A previous program stored ATV0 (AT&W): ATZ answers "0<CR>"; init still succeeds."""
    from drivers.modem import ModemDriver, ModemEmulator

    emu = ModemEmulator("usr5637", link_dir=tmp_path)
    await emu.start()
    emu.core.verbose = emu.core.stored_verbose = False
    driver = ModemDriver("line1", str(tmp_path / "ttyACM*"), **fast)
    await driver.start()
    events = watch(driver)
    try:
        status = await events.connected()
        assert "caller ID on" in status.detail and emu.core.verbose
    finally:
        await driver.stop()
        await emu.stop()
