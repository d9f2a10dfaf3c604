"""Transcripts in the database (encrypted), reindexed so search finds the customer by them."""

from __future__ import annotations

from appliance.core.editing import fk_id
from appliance.core.indexing import customers_changed
from appliance.db.models import Call, Recording, Transcript


def save_transcript(
    recording_id: int, engine: str, language: str, text: str, audio_s: float, elapsed_s: float
) -> int:
    """Store (or replace) the recording's transcript and reindex its customer; returns its id."""
    with Transcript._meta.database.atomic():
        rec = Recording.get_by_id(recording_id)
        Transcript.delete().where(Transcript.recording == recording_id).execute()
        row = Transcript.create(
            recording=recording_id,
            engine=engine,
            language=language,
            text=text,
            audio_s=audio_s,
            elapsed_s=elapsed_s,
        )
        call_id = fk_id(rec, "call")
        if call_id is not None:
            customers_changed(fk_id(Call.get_by_id(call_id), "customer"))
    return int(row.id)


def transcript_of(recording_id: int) -> Transcript | None:
    """The recording's transcript, or None."""
    return Transcript.get_or_none(Transcript.recording == recording_id)
