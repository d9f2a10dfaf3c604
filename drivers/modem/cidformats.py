"""One-line caller-ID formats of serial caller-ID boxes and odd modems."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OneLine:
    """Fields of a caller-ID record that fits on one line."""

    number: str
    name: str
    when: str | None
    kind: str


_NETCID = re.compile(r"^###DATE(\d*)\.\.\.NMBR(.*?)\.\.\.NAME(.*?)\+\+\+$")
_TCI = re.compile(
    r"^(\d{2})\s+(\d{1,2})/(\d{2})\s+(\d{1,2}):(\d{2})\s([AP])M\s+(.+?)(?:\s{2,}(.*?))?\s*$"
)
_WEEDER = re.compile(r"^I(\d{2})/(\d{2}) (\d{2}):(\d{2}) (\S+) ?(.*)$")
_FMTO = re.compile(r"^FM:(\S*)\s+TO:(\S*)\s*$")
_MSG_WAITING = ("-MSG OFF-", "-MSG ON-")


def _digits_if_phone(text: str) -> str:
    """212-555-4000 -> 2125554000; anything that is not a dashed number stays as it is."""
    return text.replace("-", "") if re.fullmatch(r"[\d\-]+", text) else text


def one_line(text: str) -> OneLine | None:
    """Parse NetCallerID, Whozz/TCI, Weeder and ZyXEL FM:/TO: records; None if not one."""
    s = text.strip()
    m = _NETCID.match(s)
    if m:
        if m.group(3).strip() in _MSG_WAITING:
            return None  # a message-waiting indication, not a call
        return OneLine(m.group(2).strip(), m.group(3).strip(), m.group(1) or None, "netcallerid")
    m = _TCI.match(s)
    if m:
        hour = int(m.group(4)) % 12 + (12 if m.group(6) == "P" else 0)
        when = f"{int(m.group(2)):02d}{m.group(3)}{hour:02d}{m.group(5)}"
        return OneLine(
            _digits_if_phone(m.group(7).strip()), (m.group(8) or "").strip(), when, "tci"
        )
    m = _WEEDER.match(s)
    if m:
        when = "".join(m.group(k) for k in range(1, 5))
        return OneLine(_digits_if_phone(m.group(5)), m.group(6).strip(), when, "weeder")
    m = _FMTO.match(s)
    if m:
        return OneLine(m.group(1), "", None, "fm-to")
    return None
