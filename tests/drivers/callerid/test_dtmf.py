"""DTMF detection and DTMF caller ID: every form, withheld codes, cadence checks, noise."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.callerid import synth
from drivers.callerid.decoder import decode_samples
from drivers.callerid.dtmf import FRAME, HOP, TONES, DtmfDetector, tone_powers
from drivers.callerid.dtmfclip import parse


def tones(keys: str, **kw: int) -> np.ndarray:
    return np.concatenate([synth.silence(0.3), synth.dtmf(keys, **kw), synth.silence(1.0)])


def test_detector_hears_all_sixteen_keys_in_any_chunking() -> None:
    keys = "0123456789ABCD*#"
    x = tones(keys)
    for size in (1, 33, 4000, x.size):
        det = DtmfDetector()
        got = [d.key for i in range(0, x.size, size) for d in det.feed(x[i : i + size])]
        assert "".join(got) == keys


@pytest.mark.parametrize(
    ("keys", "expect"),
    [
        ("A0312345678C", "type=C;A=0312345678"),
        ("B10C", "type=C;B=10"),
        ("B00C", "type=C;B=00"),
        ("D0223456789C", "type=C;D=0223456789"),
        ("A33221100#", "type=#;A=33221100"),
        ("D1#", "type=#;D=1"),
        ("D3#", "type=#;D=3"),
        ("0201234567#", "type=#;_=0201234567"),
    ],
)
def test_forms(keys: str, expect: str) -> None:
    found = decode_samples(synth.noise(tones(keys), 15.0), "dtmf")
    assert [d.expect() for d in found] == [expect]
    assert found[0].standard == "dtmf"


@pytest.mark.parametrize("keys", ["A03#12C", "B7C", "B10", "AB#", "D4#", "A03A12C", "12#"])
def test_malformed_is_not_a_message(keys: str) -> None:
    assert parse(keys) is None


def test_dropped_digit_breaks_the_cadence_and_gives_errors() -> None:
    x = tones("A0312345678C")
    step = int(0.14 * 8000)
    start = int(0.3 * 8000) + 5 * step
    x[start : start + step] = 0.0  # the digit '3' lost on the line
    found = decode_samples(x, "dtmf")
    assert [(d.errors, d.raw) for d in found] == [(True, "A031245678C")]


def test_unterminated_sequence_gives_errors_not_a_number() -> None:
    found = decode_samples(tones("A0312345678"), "dtmf")
    assert [d.errors for d in found] == [True]


def test_auto_finds_dtmf_and_noise_gives_nothing() -> None:
    found = decode_samples(tones("A0312345678C", on_ms=50, off_ms=50), "auto")
    assert [(d.standard, d.expect()) for d in found] == [("dtmf", "type=C;A=0312345678")]
    rng = np.random.default_rng(3)
    assert decode_samples(rng.normal(0, 0.05, 8000 * 4), "dtmf") == []


def test_shared_block_projections_equal_each_frames_own_dft() -> None:
    x = synth.noise(tones("A0312345678C"), 10.0)
    n = (x.size - FRAME) // HOP + 1
    power, total = tone_powers(x, n)
    t = np.arange(FRAME)
    for i in range(0, n, 37):
        frame = x[i * HOP : i * HOP + FRAME]
        direct = [abs(np.dot(frame, np.exp(-2j * np.pi * hz * t / 8000))) ** 2 for hz in TONES]
        assert np.allclose(power[i], np.array(direct) * 2 / FRAME**2)
        assert np.isclose(total[i], np.mean(frame * frame))


def test_idle_stretches_between_digits_end_them_as_before() -> None:
    x = np.concatenate([tones("12"), synth.silence(2.0), tones("3")])
    for size in (40, 800, x.size):
        det = DtmfDetector()
        got = [d for i in range(0, x.size, size) for d in det.feed(x[i : i + size])]
        assert [d.key for d in got] == ["1", "2", "3"]
        assert got[2].start > got[1].end + 2 * 8000
