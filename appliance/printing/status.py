"""What a printer's status bytes say (sans-IO): the queries to send and the problem their
answers report, if any."""

from __future__ import annotations

ASK_PRINTER = b"\x10\x04\x01"  # DLE EOT 1: online / offline
ASK_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor
ASK_AFTER_JOB = b"\x1dr\x01"  # GS r 1: answered after what came before it has been processed

OFFLINE = "offline"
PAPER_OUT = "paper_out"


def is_realtime_reply(byte: int) -> bool:
    """True for a DLE EOT answer's fixed bits (0xx1xx10)."""
    return byte & 0x93 == 0x12


def realtime_problem(printer: int, paper: int) -> str | None:
    """The problem the DLE EOT 1 and DLE EOT 4 answers report (None: ready to print)."""
    if is_realtime_reply(paper) and paper & 0x60 == 0x60:
        return PAPER_OUT
    if is_realtime_reply(printer) and printer & 0x08:
        return OFFLINE
    return None


def after_job_problem(reply: int) -> str | None:
    """The problem a GS r 1 answer reports (paper ran out during the job)."""
    return PAPER_OUT if reply & 0x0C == 0x0C else None
