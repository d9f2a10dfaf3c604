"""DTMF caller ID (A…C, B…C, D…C, A…#, D…#, …#): digits in, well-formed messages out.

DTMF has no checksum, so a sequence is believed only when its layout is one of the known
forms and its digits arrive at a steady cadence (a dropped or extra digit breaks the cadence
and the sequence is reported as received with errors instead).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from drivers.callerid.dtmf import DtmfDigit

RATE = 8000
SEQUENCE_GAP = RATE * 0.6  # silence that ends a sequence
MAX_DIGITS = 20
C_FORM = re.compile(r"(?:[AD][0-9]{1,20}|B[0-9]{2})+C")
HASH_FORM = re.compile(r"A[0-9]{1,20}#|D[123]#|[0-9]{3,20}#")
FIELD = re.compile(r"([ABD])([0-9]+)")
ABSENCE_C = frozenset({"00", "10"})  # B00 unavailable, B10 withheld


@dataclass(frozen=True)
class DtmfClip:
    """A well-formed DTMF caller ID (type 'C'/'#', fields) or one received with errors."""

    type: str
    fields: tuple[tuple[str, str], ...]
    start_sample: int
    end_sample: int
    errors: bool = False
    raw: str = ""


def steady(digits: list[DtmfDigit]) -> bool:
    """True when digits are evenly spaced (none dropped or inserted) and tones are alike."""
    if len(digits) < 3:
        return True
    middles = [(d.start + d.end) / 2 for d in digits]  # robust to a tone heard only in part
    periods = sorted(b - a for a, b in itertools.pairwise(middles))
    median = periods[len(periods) // 2]
    if median <= 0:
        return False
    durations = sorted(d.end - d.start for d in digits)
    typical = durations[len(durations) // 2]
    return (
        periods[0] > 0.6 * median
        and periods[-1] < 1.5 * median
        and durations[0] > 0.3 * typical
        and durations[-1] < 2.0 * typical
    )


def parse(keys: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """(type, fields) for a complete well-formed key string, else None."""
    if C_FORM.fullmatch(keys):
        fields = tuple((m.group(1), m.group(2)) for m in FIELD.finditer(keys[:-1]))
        codes = [c for c, _ in fields]
        if len(set(codes)) != len(codes):
            return None
        for code, value in fields:
            if code == "B" and value not in ABSENCE_C:
                return None
        if "B" in codes and "A" in codes:
            return None
        return "C", fields
    if HASH_FORM.fullmatch(keys):
        if keys[0] in "AD":
            return "#", ((keys[0], keys[1:-1]),)
        return "#", (("_", keys[:-1]),)
    return None


class DtmfClipAssembler:
    """Group detected digits into sequences and judge each one when it ends."""

    def __init__(self) -> None:
        self._digits: list[DtmfDigit] = []

    def feed(self, digit: DtmfDigit) -> list[DtmfClip]:
        """Add one digit; return any sequence it completed or that its arrival ended."""
        out = self.tick(digit.start)
        self._digits.append(digit)
        if digit.key in "C#":
            judged = self._judge()
            if judged is not None:
                out.append(judged)
        elif len(self._digits) > MAX_DIGITS + 8:
            self._digits = self._digits[-(MAX_DIGITS + 8) :]
        return out

    def tick(self, now: int) -> list[DtmfClip]:
        """Note the time; a sequence left open by a long silence is judged now."""
        if self._digits and now - self._digits[-1].end > SEQUENCE_GAP:
            judged = self._judge()
            return [judged] if judged is not None else []
        return []

    def _judge(self) -> DtmfClip | None:
        digits, self._digits = self._digits, []
        keys = "".join(d.key for d in digits)
        start = next((i for i, k in enumerate(keys) if k in "ABD"), None)
        if start is not None and keys[-1] in "C#":
            digits, keys = digits[start:], keys[start:]
        first, last = digits[0].start, digits[-1].end
        parsed = parse(keys)
        if parsed is not None and steady(digits):
            return DtmfClip(parsed[0], parsed[1], first, last, raw=keys)
        looks_like_cid = keys[0] in "ABD" or (keys[-1] in "C#" and len(keys) >= 4)
        if looks_like_cid and len(keys) >= 2:
            return DtmfClip("", (), first, last, errors=True, raw=keys)
        return None
