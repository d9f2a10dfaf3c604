"""Score the AT layer over samples.txt: each labelled block against what a reader expects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drivers.base import CallerId, Unparsed
from drivers.modem.at import AtSession

Want = tuple[str | None, str | None, str | None, str | None]  # number, name, reason, name reason
REFUSE = "refuse"  # the block carries an invalid checksum: no CallerId, the bytes kept raw

_W, _O = "P", "O"
EXPECTED: dict[str, tuple[Want, ...] | str] = {
    "A1": ((None, None, _W, _W),),
    "A2": (("9415557218", "SARASOTA,FL", None, None),),
    "A3": (("9415557218", "Tucson,AZ", None, None),),
    "A4": (("MISSING NAME", None, None, None),),
    "A5": (("NO TIME", "NO DATE", None, None),),
    "A6": (("DATE and TIME COMBINED", None, None, None),),
    "A7": (("0000000000", "PrivDirOff", None, None),),
    "A8": (("9085555002", "Vähälä", None, None),),
    "A9": (("4075552120", "TIME WARNER COM", None, None),),
    "A10": (("0000000000", "PrivDirOff", None, None),),
    "A11": (("6305551500", "ELMHURST, IL", None, None),),
    "A12": (("8175558399", "EULESS, TX", None, None),),
    "A13": (
        ("14075552120", None, None, None),  # NAME = NO NAME: no name was sent
        ("14075552120", "eleven digits", None, None),
        ("4075552120", "ten digits", None, None),
        ("075552120", "nine digits", None, None),
        ("95552120", "eight digits", None, None),
        ("5552120", "seven digits", None, None),
        ("2120", "four digits", None, None),
    ),
    "A14": ((None, None, _W, _O),),
    "B1": (("4075550000", "JOHN DOE", None, None),),
    "B2": (("4075550000", "JOHN DOE", None, None),),
    "B3": (("4075550000", "JOHN DOE", None, None),),
    "B4": (("4075550000", None, None, None),),
    "B5": (("4075550000", "JOHN DOE", None, None),),
    "B6": (("4075551212", "Chmielewski Joh", None, None),),
    "B7": (),
    "B8": (),
    "B9": (("0632727751", None, None, None),),
    "C1": (("504551234", "A N OTHER", None, None),),
    "C2": (),
    "C3": REFUSE,
    "C4": (("8475550001", "U.S.ROBOTICS", None, None),),
    "C5": REFUSE,
    "C6": (("04xxxxxxx7", None, None, None),),
    "C7": (("0207####123", None, None, None),),
    "C8": (("07xxxxxxxx7", None, None, None),),
    "C9": (),
    "C10": (("9196278340", None, None, _O),),
    "C11": (
        ("5071234567", "KLIER BRIAN J", None, None),
        ("5071234567", "ARCHER L", None, None),
        ("5072884388", None, None, _O),
        ("9932562", None, None, _O),
        ("07656283xx", None, None, None),
        ("<PHONE NUMBER>", "<CALLER NAME>", None, None),
    ),
    "C12": (("<CALLER_ID>", None, None, None),),
    "C13": (),
    "C14": (),
    "C15": ((None, None, "P", None), (None, None, "C", None), (None, None, "O", None)),
    "D1": (
        ("4075551212", "WIRELESS CALL", None, None),
        (None, None, None, _O),
        ("14075551212", "JOHN", None, None),
    ),
    "D2": (
        ("7045551212", "SPAULDING TIMOT", None, None),
        ("5072881030", "WINTER BRUCE LA", None, None),
        (None, None, None, _O),
    ),
    "D3": (
        (None, None, _W, None),
        ("2125554000", "Vähälä Joe", None, None),
        ("7025551145", "CARD SERVICES", None, None),
        (None, None, _O, None),
        ("9415557218", "SARASOTA, FL", None, None),
        ("4075557777", "John on Cell", None, None),
    ),
    "D4": (("5072881030", "WINTER BRUCE LA", None, None),),
}


@dataclass
class Score:
    """How the parser did over the samples."""

    total: int = 0
    parsed: int = 0  # blocks whose CallerIds are exactly the expected ones
    refused: int = 0  # invalid-checksum blocks correctly refused (kept raw)
    wrong: list[str] = field(default_factory=list)


def blocks(text: str) -> dict[str, list[str]]:
    """Block id -> its data lines ("<blank>" as an empty line; annotations dropped)."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        head = re.match(r"^### (\w+) \|", line)
        if head:
            current = out.setdefault(head.group(1), [])
        elif current is not None and line.startswith("###") and not line.startswith("### "):
            current.append(line)  # NetCallerID records begin with ###
        elif current is not None and not line.startswith("#") and line.strip():
            current.append("" if line.strip() == "<blank>" else line)
    return out


def parse_block(lines: list[str]) -> list[object]:
    """The AT layer's events for one block fed as modem output lines, then a quiet second."""
    at = AtSession(cid_idle_s=0.5)
    data = "".join(f"{line}\r\n" for line in lines).encode("utf-8")
    return [*at.receive(data, 0.0), *at.poll(1.0), *at.flush()]


def _got(events: list[object]) -> tuple[Want, ...]:
    def code(r: object) -> str | None:
        return getattr(r, "value", None)

    return tuple(
        (e.number, e.name, code(e.reason), code(e.name_reason))
        for e in events
        if isinstance(e, CallerId)
    )


def score(text: str) -> Score:
    """Parse every block of samples.txt and compare with EXPECTED."""
    result = Score()
    for block_id, lines in blocks(text).items():
        result.total += 1
        events = parse_block(lines)
        want = EXPECTED.get(block_id)
        if want == REFUSE:
            if not _got(events) and any(isinstance(e, Unparsed) for e in events):
                result.refused += 1
            else:
                result.wrong.append(f"{block_id}: accepted {_got(events)}")
        elif want is not None and _got(events) == want:
            result.parsed += 1
        else:
            result.wrong.append(f"{block_id}: got {_got(events)}, want {want}")
    return result
