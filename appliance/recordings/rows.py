"""Recording rows (run on the db thread): create, link to the call, finish, list, remove."""

from __future__ import annotations

import datetime as dt
from typing import Any

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.editing import fk_id
from appliance.core.indexing import customers_changed
from appliance.db.models import Call, Recording, Transcript, utcnow


def naive_utc(when: dt.datetime | None) -> dt.datetime:
    """A timestamp as stored (naive UTC); None is now."""
    if when is None:
        return utcnow()
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


def create_row(
    uid: str,
    file: str,
    file_key: bytes,
    *,
    call_id: int | None,
    kind: str,
    line: str,
    started_at: dt.datetime,
    sealed: bool = False,
) -> int:
    """Insert the recording row and point the call at its file; returns the row id."""
    with Recording._meta.database.atomic():
        row = Recording.create(
            uid=uid,
            file=file,
            file_key=file_key,
            call=call_id,
            kind=kind,
            line=line,
            started_at=started_at,
            sealed=sealed,
        )
        if call_id is not None:
            Call.update(recording_ref=file).where(Call.id == call_id).execute()
        audit.record(
            Actor.system("recorder"),
            "recording",
            int(row.id),
            "create",
            None,
            {"uid": uid, "call": call_id, "kind": kind, "sealed": sealed},
        )
    return int(row.id)


def call_for(line: str, started_at: dt.datetime) -> int | None:
    """The call on line that started at started_at (how a sealed recording finds its call)."""
    row = (
        Call.select(Call.id)
        .where((Call.line == line) & (Call.started_at == started_at))
        .order_by(Call.id.desc())
        .first()
    )
    return int(row.id) if row is not None else None


def finish_row(
    uid: str,
    *,
    state: str,
    duration_s: float,
    size_bytes: int,
    problem: str = "",
    ended_at: dt.datetime | None = None,
) -> None:
    """Record how the recording ended (complete, cut short, damaged or missing)."""
    Recording.update(
        state=state,
        duration_s=duration_s,
        size_bytes=size_bytes,
        problem=problem,
        ended_at=ended_at or utcnow(),
        updated_at=utcnow(),
    ).where(Recording.uid == uid).execute()


def get(recording_id: int) -> Recording | None:
    """The row, or None."""
    return Recording.get_or_none(Recording.id == recording_id)


def by_uid(uid: str) -> Recording | None:
    """The row for a file's recording id, or None."""
    return Recording.get_or_none(Recording.uid == uid)


def unfinished() -> list[Recording]:
    """Rows still marked as recording (after a crash, a power cut, or a locked period)."""
    return list(Recording.select().where(Recording.state == "recording"))


def of_customer(customer_id: int) -> list[Recording]:
    """The customer's recordings, newest first (through their calls)."""
    return list(
        Recording.select()
        .join(Call)
        .where(Call.customer == customer_id)
        .order_by(Recording.started_at.desc())
    )


def of_call(call_id: int) -> list[Recording]:
    """The call's recordings, oldest first."""
    return list(Recording.select().where(Recording.call == call_id).order_by(Recording.id))


def oldest_before(cutoff: dt.datetime, limit: int = 100) -> list[Recording]:
    """Finished recordings that started before cutoff, oldest first."""
    return list(
        Recording.select()
        .where((Recording.started_at < cutoff) & (Recording.state != "recording"))
        .order_by(Recording.started_at)
        .limit(limit)
    )


def all_files() -> set[str]:
    """Every file name a row points at."""
    return {str(r.file) for r in Recording.select(Recording.file)}


def remove(actor: Actor, rows: list[Recording], why: str) -> list[str]:
    """Delete rows (their keys, so the audio is unreadable from now on) and transcripts;
    returns the file names to unlink. Call inside the caller's transaction, or alone."""
    files = []
    customers: set[int] = set()
    with Recording._meta.database.atomic():
        for row in rows:
            call = Call.get_or_none(Call.id == fk_id(row, "call"))
            if call is not None and fk_id(call, "customer") is not None:
                customers.add(int(call.__data__["customer"]))
            Transcript.delete().where(Transcript.recording == row.id).execute()
            Call.update(recording_ref="").where(
                (Call.id == fk_id(row, "call")) & (Call.recording_ref == row.file)
            ).execute()
            row.delete_instance()
            audit.record(
                actor, "recording", int(row.id), "delete", None, {"uid": row.uid, "why": why}
            )
            files.append(str(row.file))
        customers_changed(*customers)  # their transcripts leave the search index
    return files


def describe(row: Recording) -> dict[str, Any]:
    """What a desk lists about one recording (no key)."""
    return {
        "id": int(row.id),
        "uid": row.uid,
        "call_id": fk_id(row, "call"),
        "kind": row.kind,
        "line": row.line,
        "started_at": row.started_at,
        "ended_at": row.ended_at,
        "duration_s": row.duration_s,
        "size_bytes": row.size_bytes,
        "state": row.state,
        "problem": row.problem,
        "sealed": row.sealed,
    }
