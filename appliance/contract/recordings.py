"""Wire models of call recordings and their transcripts, and the audio stream's headers."""

from __future__ import annotations

from pydantic import BaseModel

from appliance.contract.fields import UtcTime

__all__ = [
    "AUDIO_LIVE_HEADER",
    "AUDIO_RATE_HEADER",
    "AUDIO_SECONDS_HEADER",
    "RecordingOut",
    "TranscriptOut",
    "TranscriptionProgress",
]

AUDIO_RATE_HEADER = "X-Sample-Rate"  # the PCM stream's rate (PCM16 mono little-endian)
AUDIO_LIVE_HEADER = "X-Recording-Live"  # "1" while the call is still being recorded
AUDIO_SECONDS_HEADER = "X-Recording-Seconds"  # seconds recorded when the stream opened


class RecordingOut(BaseModel):
    """One recording as a desk lists it (no key, no audio)."""

    id: int
    call_id: int | None
    kind: str  # call | voicemail
    line: str
    started_at: UtcTime
    duration_s: float
    state: str  # recording | complete | cut | damaged | missing
    recording: bool  # still being written (playable as it grows)
    problem: str = ""
    transcript_state: str = "none"  # none | queued | running | done | failed
    transcript_progress: float = 0.0
    transcript_text: str = ""


class TranscriptOut(BaseModel):
    """A recording's transcript and the job that makes it."""

    recording_id: int
    state: str  # none | queued | running | done | failed
    progress: float = 0.0
    message: str = ""
    engine: str = ""
    language: str = ""
    text: str = ""


class TranscriptionProgress(BaseModel):
    """The `transcription` event's data: a job moved on."""

    recording_id: int
    state: str
    progress: float
    message: str = ""
