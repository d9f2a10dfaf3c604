"""Recording errors; every message is Japanese / English and says what was kept."""

from __future__ import annotations

from appliance.core.errors import RingdeskError


class RecordingError(RingdeskError):
    """A recording could not be written or read; the message says what was kept."""


class CodecUnavailableError(RecordingError):
    """libopus is missing on this machine."""


class RecordingDamagedError(RecordingError):
    """A chunk failed authentication, is out of order, or the file was cut short."""


class StorageError(RecordingError):
    """The recording directory is full, over quota, or gone (a removed drive)."""


class EngineUnavailableError(RecordingError):
    """A transcription engine or its model is not installed."""


class NotAllowedError(RecordingError):
    """The user's role may not do this with recordings (manager or admin only)."""
