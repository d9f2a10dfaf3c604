"""Recording routes: a customer's or call's recordings, PCM streaming from any second (also
while the call is still recorded), WAV export for managers (audited), transcripts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState, RecordingControl
from appliance.contract import (
    AUDIO_LIVE_HEADER,
    AUDIO_RATE_HEADER,
    AUDIO_SECONDS_HEADER,
    RecordingOut,
    TranscriptOut,
)
from appliance.core.access.sessions import Caller
from appliance.recordings import listing
from appliance.recordings.errors import NotAllowedError, RecordingError
from appliance.recordings.playback import open_playback, wav_stream
from appliance.recordings.transcribe.jobs import JobStatus

NO_RECORDER = "この箱は録音しません / this box has no recordings store"
MAX_START_S = 24 * 3600.0


def _http_error(exc: RecordingError) -> HTTPException:
    return HTTPException(403 if isinstance(exc, NotAllowedError) else 409, str(exc))


def router(state: ApiState) -> APIRouter:
    """The recording routes (listing: operator and up; audio and WAV: the "recordings" role
    permission, manager and admin, checked here by appliance.recordings.access so that a
    refused attempt is audited too)."""
    api = APIRouter(tags=["recordings"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    def seam() -> RecordingControl | None:
        box: RecordingControl | None = state.hooks.recordings
        return box

    def control() -> RecordingControl:
        box = seam()
        if box is None or box.recordings is None:
            raise HTTPException(503, NO_RECORDER)
        return box

    def jobs() -> dict[int, JobStatus]:
        box = seam()
        runner_ = box.transcriber if box is not None else None
        return dict(runner_.status) if runner_ is not None else {}

    def live() -> listing.Live:
        box = seam()
        store = box.recordings if box is not None else None
        return store.is_active if store is not None else None

    @api.get("/customers/{customer_id}/recordings")
    async def customer_recordings(customer_id: RowId, _: Caller = who) -> list[RecordingOut]:
        """The customer's recordings (through their calls), newest first, with transcripts."""
        result: list[RecordingOut] = await run(listing.of_customer, customer_id, live(), jobs())
        return result

    @api.get("/calls/{call_id}/recordings")
    async def call_recordings(call_id: RowId, _: Caller = who) -> list[RecordingOut]:
        """The call's recordings, oldest first."""
        result: list[RecordingOut] = await run(listing.of_call, call_id, live(), jobs())
        return result

    @api.get("/recordings/{recording_id}")
    async def recording(recording_id: RowId, _: Caller = who) -> RecordingOut:
        """One recording: length so far, whether still recording, transcript status."""
        result: RecordingOut = await run(listing.one, recording_id, live(), jobs())
        return result

    @api.get("/recordings/{recording_id}/transcript")
    async def transcript(recording_id: RowId, _: Caller = who) -> TranscriptOut:
        """The transcript (state none / queued / running / done / failed, progress, text)."""
        job = jobs().get(recording_id)
        result: TranscriptOut = await run(listing.transcript, recording_id, job)
        return result

    @api.get("/recordings/{recording_id}/audio", response_class=StreamingResponse)
    async def audio(
        recording_id: RowId,
        c: Caller = who,
        start_s: Annotated[float, Query(ge=0, le=MAX_START_S)] = 0.0,
    ) -> StreamingResponse:
        """PCM16 mono from start_s (seek) as a chunked stream; a recording still being made is
        followed until its call ends. Audited "play"."""
        store = control().recordings
        assert store is not None
        try:
            playback = await asyncio.to_thread(open_playback, store, c.actor, recording_id)
        except RecordingError as exc:
            raise _http_error(exc) from None
        headers = {
            AUDIO_RATE_HEADER: str(playback.sample_rate),
            AUDIO_LIVE_HEADER: "1" if playback.live else "0",
            AUDIO_SECONDS_HEADER: f"{playback.seconds:.3f}",
        }
        blocks = _stopping(playback.pcm(start_s))
        return StreamingResponse(
            blocks, media_type=f"audio/L16;rate={playback.sample_rate}", headers=headers
        )

    @api.get("/recordings/{recording_id}/wav", response_class=StreamingResponse)
    async def export(recording_id: RowId, c: Caller = who) -> StreamingResponse:
        """The whole recording as a WAV file (manager/admin; audited "export"); 409 when a
        chunk is damaged (nothing is sent) or the call is still being recorded."""
        store = control().recordings
        assert store is not None
        uid = await run(listing.uid_of, recording_id)
        if uid is not None and store.is_active(uid):
            raise HTTPException(
                409,
                "録音中は書き出せません。通話の後でどうぞ / still recording: "
                "export it after the call",
            )
        try:
            blocks = await asyncio.to_thread(wav_stream, store, c.actor, recording_id)
        except RecordingError as exc:
            raise _http_error(exc) from None
        name = f"recording-{recording_id}.wav"
        return StreamingResponse(
            blocks,
            media_type="audio/wav",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return api


def _stopping(blocks: Iterator[bytes]) -> Iterator[bytes]:
    """The PCM blocks; a damaged chunk ends the stream there (the desk sees it end early)."""
    try:
        yield from blocks
    except RecordingError:
        return
