"""Recordings on the wire (db thread): a customer's, a call's or one, with transcript state."""

from __future__ import annotations

from collections.abc import Callable

from appliance.contract import RecordingOut, TranscriptOut
from appliance.core import editing
from appliance.core.errors import NotFound
from appliance.db.models import Call, Customer, Recording
from appliance.recordings import rows
from appliance.recordings.transcribe.jobs import JobStatus
from appliance.recordings.transcribe.results import transcript_of

Live = Callable[[str], bool] | None  # is a recording (by uid) still being made? None: no store
Jobs = dict[int, JobStatus]  # transcription jobs by recording id


def describe(row: Recording, live: bool, job: JobStatus | None) -> RecordingOut:
    """One recording row with its transcript state (a job under way wins over none)."""
    text = transcript_of(int(row.id))
    state = "done" if text is not None else "none"
    progress = 1.0 if text is not None else 0.0
    if job is not None and (text is None or job.state != "done"):
        state, progress = job.state, job.progress
    return RecordingOut(
        id=int(row.id),
        call_id=editing.fk_id(row, "call"),
        kind=str(row.kind),
        line=str(row.line),
        started_at=row.started_at,
        duration_s=float(row.duration_s or 0),
        state=str(row.state),
        recording=live,
        problem=str(row.problem or ""),
        transcript_state=state,
        transcript_progress=progress,
        transcript_text=str(text.text) if text is not None else "",
    )


def _row(recording_id: int) -> Recording:
    """The recording row; NotFound (404) without one."""
    row = rows.get(recording_id)
    if row is None:
        raise NotFound(f"録音 {recording_id} はありません / no recording {recording_id}")
    return row


def _listed(found: list[Recording], live: Live, jobs: Jobs) -> list[RecordingOut]:
    # a box without a recordings store (API-only tests, tools) still lists its rows
    return [describe(r, live is not None and live(str(r.uid)), jobs.get(int(r.id))) for r in found]


def of_customer(customer_id: int, live: Live, jobs: Jobs) -> list[RecordingOut]:
    """The customer's recordings (through their calls), newest first."""
    editing.get_row(Customer, customer_id, include_deleted=True)
    return _listed(rows.of_customer(customer_id), live, jobs)


def of_call(call_id: int, live: Live, jobs: Jobs) -> list[RecordingOut]:
    """The call's recordings, oldest first."""
    editing.get_row(Call, call_id)
    return _listed(rows.of_call(call_id), live, jobs)


def one(recording_id: int, live: Live, jobs: Jobs) -> RecordingOut:
    """One recording; NotFound without it."""
    return _listed([_row(recording_id)], live, jobs)[0]


def uid_of(recording_id: int) -> str | None:
    """The recording's uid in the store (None when there is no such recording)."""
    row = rows.get(recording_id)
    return None if row is None else str(row.uid)


def transcript(recording_id: int, job: JobStatus | None) -> TranscriptOut:
    """The transcript: none / queued / running / done / failed, progress, text."""
    _row(recording_id)
    row = transcript_of(recording_id)
    out = TranscriptOut(recording_id=recording_id, state="none")
    if row is not None:
        out = TranscriptOut(
            recording_id=recording_id,
            state="done",
            progress=1.0,
            engine=str(row.engine),
            language=str(row.language),
            text=str(row.text),
        )
    if job is not None and (row is None or job.state != "done"):
        out.state, out.progress, out.message = job.state, job.progress, job.message
    return out
