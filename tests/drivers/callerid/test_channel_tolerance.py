"""The channel model, and a small deterministic subset of the tolerance sweep decoding right."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from appliance.bench._callerid_sweep import IMPAIRMENTS, message, signal
from drivers.callerid.channel import FULL_SCALE_DBM0, Line, modulate, through
from drivers.callerid.decoder import CallerIdDecoder


def _decoded(std: str, impairment: str, case: int, snr: float | None = None) -> list[str]:
    msg = message(std, case)
    x = signal(msg, replace(IMPAIRMENTS[impairment](std, case), snr_db=snr), seed=case)
    decoder = CallerIdDecoder(std)
    return [d.expect() for d in decoder.feed(x) + decoder.flush() if not d.errors]


def test_level_is_in_dbm0() -> None:
    burst = modulate(b"\x80", 1200.0, 2200.0, Line())
    x = through(burst, Line(level_dbm0=-6.0), lead_s=0.0)
    rms_dbm0 = 10 * np.log10(np.mean(x[: burst.size] ** 2) * 2) + FULL_SCALE_DBM0
    assert rms_dbm0 == pytest.approx(-6.0, abs=0.1)


def test_clock_error_changes_the_length() -> None:
    burst = modulate(b"\x55" * 10, 1300.0, 2100.0, Line())
    fast = through(burst, Line(clock_error=0.005), lead_s=0.0)
    plain = through(burst, Line(), lead_s=0.0)
    assert fast.size == pytest.approx(plain.size / 1.005, abs=2)


@pytest.mark.parametrize(
    ("std", "impairment"),
    [
        ("class", "bit_rate_1pct"),
        ("class", "clock_0.5pct"),
        ("clip", "bit_rate_1pct"),
        ("clip", "tones_1pct_offset_10hz"),
        ("jclip", "clock_0.5pct"),
        ("jclip", "mark_bits_1_to_max"),
        ("class", "band_300_3400"),
        ("clip", "hum_50hz"),
    ],
)
def test_impaired_messages_decode_right(std: str, impairment: str) -> None:
    for case in (0, 1):
        assert _decoded(std, impairment, case) == [message(std, case).expect]


def test_a_fast_transmitter_at_12_db() -> None:
    assert _decoded("class", "bit_rate_1pct", 0, snr=12.0) == [message("class", 0).expect]


@pytest.mark.parametrize("std", ["class", "clip", "jclip"])
def test_every_impairment_at_once_with_the_clock_1_5_percent_off(std: str) -> None:
    for case in (0, 1):  # transmitter and sound card both slow, then both fast
        line = IMPAIRMENTS["combined"](std, case)
        assert abs(line.baud_error + line.clock_error) == pytest.approx(0.015)
        assert _decoded(std, "combined", case) == [message(std, case).expect]
