"""Turn decoded caller-ID messages into drivers.base CallerId events (fields and raw kept)."""

from __future__ import annotations

from drivers.base import CallerId, Reason, Standard
from drivers.callerid.message import Decoded

REASONS = {"P": Reason.WITHHELD, "O": Reason.OUT_OF_AREA, "C": Reason.PAYPHONE, "S": Reason.SERVICE}
DTMF_B = {"10": Reason.WITHHELD, "00": Reason.OUT_OF_AREA}
DTMF_D = {"1": Reason.WITHHELD, "2": Reason.OUT_OF_AREA, "3": Reason.OUT_OF_AREA}
SDMF = ("0x04", "0x06")


def standard_of(d: Decoded) -> Standard:
    """The base Standard for a decoded message."""
    if d.standard == "class":
        return Standard.BELL202_SDMF if d.type in SDMF else Standard.BELL202_MDMF
    return {
        "clip": Standard.ETSI_FSK,
        "aclip": Standard.V23_BELLCORE,
        "jclip": Standard.NTT_JCLIP,
        "dtmf": Standard.DTMF,
    }[d.standard]


def _code(code: str) -> int:
    return int(code, 16) if is_hex_code(code) else ord(code)


def is_hex_code(code: str) -> bool:
    """FSK field codes are two hex digits; DTMF ones are a letter or '_'."""
    return len(code) == 2 and all(c in "0123456789ABCDEF" for c in code)


def to_event(d: Decoded, line: str) -> CallerId:
    """A CallerId with number, name, reasons and date/time filled in as the standard sends them."""
    std = standard_of(d)
    fields = tuple((_code(c), v.encode("latin-1")) for c, v in d.fields)
    if d.errors:
        return CallerId(line, reason=Reason.ERROR, standard=std, raw=(d.raw,))
    number = name = when = None
    reason = name_reason = None
    values = dict(d.fields)
    if d.standard == "dtmf":
        number = values.get("A") or values.get("_") or (values.get("D") if d.type == "C" else None)
        if "B" in values:
            reason = DTMF_B.get(values["B"])
        if d.type == "#" and "D" in values:
            reason = DTMF_D.get(values["D"])
    elif "00" in values:  # SDMF body: MMDDhhmm then the number, or P / O
        body = values["00"]
        when, rest = body[:8], body[8:]
        number, reason = (None, REASONS[rest]) if rest in REASONS else (rest or None, None)
    else:
        number, name, when = values.get("02"), values.get("07"), values.get("01")
        reason = REASONS.get(values.get("04", ""))
        name_reason = REASONS.get(values.get("08", ""))
    return CallerId(
        line,
        number=number,
        name=name,
        reason=reason,
        name_reason=name_reason,
        when=when,
        standard=std,
        raw=(d.expect(),),
        fields=fields,
    )
