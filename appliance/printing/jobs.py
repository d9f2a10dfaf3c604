"""The print queue's rows: added, taken oldest first per printer, marked printed or failed,
copied for a reprint (run on the database thread)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from appliance.contract.printing import PrintJobOut
from appliance.db.models.base import utcnow
from appliance.db.models.printing import PrintJob
from appliance.printing.slip import Slip, slip_from_json, slip_to_json


def add(slip: Slip, printers: Iterable[str]) -> list[int]:
    """One waiting job per printer ("" for none yet), in one transaction; their ids."""
    text = slip_to_json(slip)
    with PrintJob._meta.database.atomic():
        return [
            int(
                PrintJob.create(
                    printer=name,
                    kind=slip.kind,
                    order_id=slip.order_id,
                    order_no=slip.order_no,
                    slip=text,
                ).id
            )
            for name in printers
        ]


def oldest_waiting(printer: str) -> PrintJob | None:
    """The printer's next job: its oldest one not printed yet."""
    where = (PrintJob.printer == printer) & (PrintJob.state == "waiting")
    job: PrintJob | None = PrintJob.select().where(where).order_by(PrintJob.id).first()
    return job


def waiting(printer: str) -> int:
    """How many jobs wait for the printer."""
    where = (PrintJob.printer == printer) & (PrintJob.state == "waiting")
    return int(PrintJob.select().where(where).count())


def printed(job_id: int) -> None:
    """The job came out of the printer."""
    PrintJob.update(
        state="printed", printed_at=utcnow(), problem="", attempts=PrintJob.attempts + 1
    ).where(PrintJob.id == job_id).execute()


def failed(job_id: int, problem: str) -> None:
    """An attempt failed; the job keeps waiting."""
    PrintJob.update(problem=problem, attempts=PrintJob.attempts + 1).where(
        PrintJob.id == job_id
    ).execute()


def reassign(printers_by_kind: dict[str, str]) -> dict[str, int]:
    """Waiting jobs of a printer no longer configured (or of none) go to the first printer of
    their kind; returns, per kind, the jobs that still have no printer."""
    names = {name for name in printers_by_kind.values() if name}
    stranded = PrintJob.select().where(PrintJob.state == "waiting")
    if names:
        stranded = stranded.where(PrintJob.printer.not_in(names))
    left: dict[str, int] = {}
    for job in stranded:
        target = printers_by_kind.get(str(job.kind), "")
        if target != job.printer:
            PrintJob.update(printer=target).where(PrintJob.id == job.id).execute()
        if not target:
            left[str(job.kind)] = left.get(str(job.kind), 0) + 1
    return left


def out(job: PrintJob) -> PrintJobOut:
    """The job as desks see it (no slip: it holds the customer's address)."""
    return PrintJobOut(
        id=job.id,
        printer=job.printer,
        kind=job.kind,
        order_id=job.order_id,
        order_no=job.order_no,
        state=job.state,
        problem=job.problem or ("no_printer" if not job.printer and job.state == "waiting" else ""),
        attempts=job.attempts,
        created_at=job.created_at,
        printed_at=job.printed_at,
        reprint_of=job.reprint_of,
    )


def reprint(job_id: int, printer: str) -> PrintJobOut | None:
    """A new waiting job printing the same slip again (marked as a reprint) on `printer`;
    None when there is no such job."""
    original = PrintJob.get_or_none(PrintJob.id == job_id)
    if original is None:
        return None
    slip = dataclasses.replace(slip_from_json(str(original.slip)), reprint=True)
    job: PrintJob = PrintJob.create(
        printer=printer,
        kind=original.kind,
        order_id=original.order_id,
        order_no=original.order_no,
        slip=slip_to_json(slip),
        reprint_of=original.id,
    )
    return out(job)


def listed(limit: int, order_id: int | None = None) -> list[PrintJobOut]:
    """The newest jobs first (only the order's when given)."""
    query = PrintJob.select().order_by(PrintJob.id.desc()).limit(limit)
    if order_id is not None:
        query = query.where(PrintJob.order_id == order_id)
    return [out(job) for job in query]


def latest_of_order(order_id: int, kind: str | None) -> list[int]:
    """The order's newest job of each kind (or of `kind`): what a reprint prints again."""
    query = PrintJob.select().where(PrintJob.order_id == order_id).order_by(PrintJob.id.desc())
    newest: dict[str, int] = {}
    for job in query:
        if (kind is None or job.kind == kind) and str(job.kind) not in newest:
            newest[str(job.kind)] = int(job.id)
    return sorted(newest.values())


def get(job_id: int) -> PrintJob | None:
    """One job by id."""
    job: PrintJob | None = PrintJob.get_or_none(PrintJob.id == job_id)
    return job


def get_row(job_id: int) -> PrintJob:
    """The job with this id (it exists)."""
    job: PrintJob = PrintJob.get_by_id(job_id)
    return job


def purge(printed_before: dt.datetime) -> int:
    """Delete jobs printed before the time (their slips hold addresses); waiting jobs stay."""
    done = (PrintJob.state == "printed") & (PrintJob.printed_at < printed_before)
    return int(PrintJob.delete().where(done).execute())
