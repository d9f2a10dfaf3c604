"""Wire models of the print queue: a job's state, for the desk's list and its reprint key."""

from __future__ import annotations

from pydantic import BaseModel

from appliance.contract.fields import UtcTime

__all__ = ["PrintJobOut", "PrinterOut"]


class PrintJobOut(BaseModel):
    """One slip for one printer: waiting (with the last problem, if any) or printed."""

    id: int
    printer: str  # "" while no printer in ringdesk.toml prints this kind
    kind: str  # kitchen | delivery
    order_id: int | None = None
    order_no: str = ""
    state: str  # waiting | printed
    problem: str = ""  # offline | paper_out | no_font | no_printer
    attempts: int = 0
    created_at: UtcTime
    printed_at: UtcTime | None = None
    reprint_of: int | None = None


class PrinterOut(BaseModel):
    """A printer of ringdesk.toml as the box sees it now."""

    name: str
    role: str  # kitchen | delivery | all
    connection: str  # network | usb | serial
    paper_mm: int
    problem: str = ""  # offline | paper_out | no_font; "" when it last printed or answered
    waiting: int = 0
