"""The box's recording routes as the desk calls them (list, transcript, audio, WAV export)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from pathlib import Path

from appliance.contract import RecordingOut, TranscriptOut
from tui.client.box_client import BoxClient


async def recordings_of(client: BoxClient, customer_id: int) -> list[RecordingOut]:
    """A customer's recordings, newest first."""
    return await client.call(list[RecordingOut], "GET", f"/customers/{customer_id}/recordings")


async def recording(client: BoxClient, recording_id: int) -> RecordingOut:
    """One recording (its length so far, whether still recording)."""
    return await client.call(RecordingOut, "GET", f"/recordings/{recording_id}")


async def transcript(client: BoxClient, recording_id: int) -> TranscriptOut:
    """The transcript and its job's state."""
    return await client.call(TranscriptOut, "GET", f"/recordings/{recording_id}/transcript")


def audio(
    client: BoxClient, recording_id: int, start_s: float = 0.0
) -> AsyncGenerator[bytes, None]:
    """PCM16 mono 8 kHz from start_s (a live recording is followed until its call ends)."""
    return client.stream_bytes(
        f"/recordings/{recording_id}/audio", params={"start_s": round(max(0.0, start_s), 3)}
    )


async def export_wav(client: BoxClient, recording_id: int, out: Path) -> Path:
    """Save the recording as a WAV file at out (manager/admin; the box audits it). Written to
    a .part file first: a failed download leaves no half WAV under the real name."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    try:
        with part.open("wb") as fh:
            async for block in client.stream_bytes(f"/recordings/{recording_id}/wav"):
                fh.write(block)
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return out
