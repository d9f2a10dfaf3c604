"""Alerting: ring bursts, ring pulse, NTT CAR cadence, DT-AS and a line-reversal click."""

from __future__ import annotations

import numpy as np

from drivers.callerid import synth
from drivers.callerid.alerting import AlertDetector

RATE = 8000


def ring(seconds: float, hz: float = 20.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return level * np.sin(2 * np.pi * hz * t)


def alerts(x: np.ndarray, chunk: int = 257) -> list[tuple[str, float, float]]:
    det = AlertDetector()
    out = []
    for i in range(0, x.size, chunk):
        out += det.feed(x[i : i + chunk])
    out += det.feed(np.zeros(RATE))
    return [(a.kind, round(a.start / RATE, 1), round(a.end / RATE, 1)) for a in out]


def test_ring_burst_and_ring_pulse() -> None:
    x = np.concatenate([synth.silence(0.3), ring(2.0), synth.silence(1.0), ring(0.25, 25.0)])
    assert alerts(synth.noise(x, 20.0)) == [("ring", 0.3, 2.3), ("ring-pulse", 3.3, 3.5)]


def test_car_cadence_is_recognised_from_the_second_burst() -> None:
    on, off = ring(0.5, 16.0), synth.silence(0.5)
    x = np.concatenate([synth.silence(0.2), on, off, on, off, on, off])
    kinds = [k for k, _, _ in alerts(x)]
    assert kinds == ["ring", "car", "car"]
    det = AlertDetector()
    last = det.feed(np.concatenate([x, synth.silence(0.5)]))[-1]
    assert last.cadence_ms[-3:] == (500, 500, 500)


def test_dtas_dual_tone() -> None:
    t = np.arange(int(RATE * 0.1)) / RATE
    tone = 0.1 * (np.sin(2 * np.pi * 2130 * t) + np.sin(2 * np.pi * 2750 * t))
    x = np.concatenate([synth.silence(0.3), tone, synth.silence(0.5)])
    assert [k for k, _, _ in alerts(synth.noise(x, 20.0))] == ["dtas"]


def test_line_reversal_click() -> None:
    x = np.random.default_rng(1).normal(0, 1e-3, RATE)
    x[4000:4020] += 0.5 * np.exp(-np.arange(20) / 4)
    assert [k for k, _, _ in alerts(x)] == ["reversal"]


def test_speech_band_audio_and_fsk_are_not_alerting() -> None:
    fsk = synth.fsk(synth.mdmf([(0x02, b"0312345678")]))
    x = np.concatenate([synth.silence(0.3), fsk, synth.dtmf("A0312C"), synth.silence(0.5)])
    assert alerts(x) == []
