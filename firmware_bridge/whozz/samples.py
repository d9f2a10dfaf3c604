"""Score the parser over a wc_samples.txt-style file: data lines of the Whozz record blocks."""

from __future__ import annotations

from firmware_bridge.whozz.packet import parse_packet
from firmware_bridge.whozz.records import parse_record

# Section 5 of the samples shows what NCID's gateway emits, not what a unit sends.
_NOT_UNIT_OUTPUT = ("CALL:", "CALLINFO:", "OUT:", "END:")


def score(text: str) -> tuple[int, int, list[str]]:
    """(parsed, total, failures) over every data line that a Whozz unit would send."""
    parsed = total = 0
    failures: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", *_NOT_UNIT_OUTPUT)):
            continue
        total += 1
        packet = parse_packet(line.encode("latin-1")) if line.startswith("^^") else None
        if parse_record(packet.record if packet else line) is not None:
            parsed += 1
        else:
            failures.append(line)
    return parsed, total, failures
