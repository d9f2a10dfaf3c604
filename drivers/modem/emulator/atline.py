"""Split one AT command line into its commands, the way a Hayes-style modem reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EXT = re.compile(r"([+#\-!%][A-Z0-9]+)(=\?|\?|=[^;]*)?;?", re.IGNORECASE)
_SREG = re.compile(r"S(\d+)(\?|=\d*)", re.IGNORECASE)
_AMP = re.compile(r"&([A-Z])(\d*)", re.IGNORECASE)
_BASIC = re.compile(r"([A-CE-RT-Z])(\d*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AtCommand:
    """One command: kind is basic, amp, sreg, ext or dial; `arg` as written after the name."""

    kind: str
    name: str
    arg: str = ""


def split(line: str) -> list[AtCommand] | None:
    """Commands of "AT..." in order; None when the line is not a valid command line."""
    text = line.strip()
    if not text.upper().startswith("AT"):
        return None
    rest = text[2:]
    out: list[AtCommand] = []
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch in " \t":
            i += 1
            continue
        if ch.upper() == "D":
            out.append(AtCommand("dial", "D", rest[i + 1 :].strip()))
            break
        for kind, pattern in (("ext", _EXT), ("sreg", _SREG), ("amp", _AMP), ("basic", _BASIC)):
            m = pattern.match(rest, i)
            if m:
                name = m.group(1).upper()
                arg = (m.group(2) or "") if m.lastindex and m.lastindex >= 2 else ""
                out.append(AtCommand(kind, name, arg))
                i = m.end()
                break
        else:
            return None
    return out
