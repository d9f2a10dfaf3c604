"""The caller-ID tolerance sweep: Bell 202, V.23 and JCLIP messages sent through every
impairment the standards allow (drivers.callerid.channel), alone and combined, clean and 12 dB."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from drivers.callerid import jclip, synth
from drivers.callerid.bellcore import check_frame
from drivers.callerid.channel import Line, modulate, through
from drivers.callerid.decoder import CallerIdDecoder
from drivers.callerid.message import Decoded

TONES = {"class": (1200.0, 2200.0), "clip": (1300.0, 2100.0), "jclip": (1300.0, 2100.0)}
SNRS: tuple[float | None, ...] = (None, 12.0)
MAX_MARKS = {"class": 10, "clip": 10, "jclip": 20}  # mark bits between characters, at most


def _sign(case: int) -> int:
    return 1 if case % 2 == 0 else -1


def _combined(std: str, case: int) -> Line:
    rng = random.Random(case)
    s = [rng.choice((1, -1)) for _ in range(4)]
    return Line(
        baud_error=0.01 * s[0],
        tone_error=0.01 * s[1],
        offset_hz=10.0 * s[2],
        stop_bits=(1, MAX_MARKS[std]),
        level_dbm0=rng.uniform(-30.0, -6.0),
        band_limit=True,
        hum_hz=rng.choice((50.0, 60.0)),
        clock_error=0.005 * s[3],
        clip=0.1,
    )


# impairment -> the line for (standard, case number)
IMPAIRMENTS: dict[str, Callable[[str, int], Line]] = {
    "none": lambda std, c: Line(),
    "bit_rate_1pct": lambda std, c: Line(baud_error=0.01 * _sign(c)),
    "tones_1pct": lambda std, c: Line(tone_error=0.01 * _sign(c)),
    "offset_10hz": lambda std, c: Line(offset_hz=10.0 * _sign(c)),
    "tones_1pct_offset_10hz": lambda std, c: Line(
        tone_error=0.01 * _sign(c), offset_hz=10.0 * _sign(c)
    ),
    "mark_bits_1_to_max": lambda std, c: Line(stop_bits=(1, MAX_MARKS[std])),
    "level_-30dbm0": lambda std, c: Line(level_dbm0=-30.0),
    "level_-6dbm0": lambda std, c: Line(level_dbm0=-6.0),
    "band_300_3400": lambda std, c: Line(band_limit=True),
    "hum_50hz": lambda std, c: Line(hum_hz=50.0),
    "hum_60hz": lambda std, c: Line(hum_hz=60.0),
    "clock_0.5pct": lambda std, c: Line(clock_error=0.005 * _sign(c)),
    "clipping": lambda std, c: Line(clip=0.1),
    "combined": _combined,
}


@dataclass(frozen=True)
class Case:
    """One message: its standard, the bytes sent and what a correct decoder reports."""

    standard: str
    frame: bytes
    expect: str


def message(std: str, case: int) -> Case:
    """A seeded caller-ID message for `std` (number, and a 7-bit name for Bellcore/ETSI)."""
    rng = random.Random(f"{std}-{case}")
    number = ("0" + "".join(rng.choice("0123456789") for _ in range(9))).encode()
    if std == "jclip":
        frame = synth.jclip([(0x02, number)])
        parsed = jclip.parse_frame(frame)
        assert isinstance(parsed, tuple)
        return Case(std, frame, Decoded(std, 0, 0, f"0x{parsed[0]:02X}", parsed[1]).expect())
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = " ".join("".join(rng.choice(letters) for _ in range(rng.randint(2, 7))) for _ in "ab")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    when = f"{month:02d}{day:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}".encode()
    frame = synth.mdmf([(0x01, when), (0x02, number), (0x07, name.encode())])
    fields = check_frame(frame)
    assert fields is not None
    return Case(std, frame, Decoded(std, 0, 0, "0x80", fields).expect())


def signal(case: Case, line: Line, seed: int) -> np.ndarray:
    """The case's burst through `line`, as 8 kHz float samples."""
    mark, space = TONES[case.standard]
    burst = modulate(case.frame, mark, space, line, seed=seed)
    return through(burst, line, seed=seed)


@dataclass
class Cell:
    """Right, wrong and total decodes for one standard x impairment x SNR."""

    right: int = 0
    wrong: int = 0
    total: int = 0


def sweep(cases: int = 10) -> dict[str, dict[str, dict[str, Cell]]]:
    """Decode every standard x impairment x SNR: cells[std][impairment][snr]."""
    cells: dict[str, dict[str, dict[str, Cell]]] = {}
    for std in TONES:
        for imp, make in IMPAIRMENTS.items():
            for snr in SNRS:
                cell = (
                    cells.setdefault(std, {})
                    .setdefault(imp, {})
                    .setdefault("clean" if snr is None else f"{snr:g}", Cell())
                )
                for n in range(cases):
                    case = message(std, n)
                    x = signal(case, replace(make(std, n), snr_db=snr), seed=n)
                    decoder = CallerIdDecoder(std)
                    got = [d.expect() for d in decoder.feed(x) + decoder.flush() if not d.errors]
                    cell.total += 1
                    cell.right += case.expect in got
                    cell.wrong += sum(g != case.expect for g in got)
    return cells
