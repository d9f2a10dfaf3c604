"""Call recordings (encrypted files on the recordings drive) and their transcripts."""

from __future__ import annotations

import peewee

from appliance.db.models.activity import Call
from appliance.db.models.base import BaseModel, utcnow

RECORDING_STATES = ("recording", "complete", "cut", "damaged", "missing")
RECORDING_KINDS = ("call", "voicemail")


class Recording(BaseModel):
    """One recording file: its call, its own random file key (only here), length and state."""

    uid = peewee.CharField(unique=True)  # 32 hex, also the file's recording id
    call = peewee.ForeignKeyField(Call, null=True, backref="recordings", on_delete="SET NULL")
    kind = peewee.CharField(default="call")
    file = peewee.CharField()  # name inside the recordings directory
    file_key = peewee.BlobField()  # the database is encrypted; erasing the row erases the audio
    line = peewee.CharField(default="")
    started_at = peewee.DateTimeField(default=utcnow, index=True)
    ended_at = peewee.DateTimeField(null=True)
    duration_s = peewee.FloatField(default=0.0)
    size_bytes = peewee.IntegerField(default=0)
    state = peewee.CharField(default="recording", index=True)
    problem = peewee.TextField(default="")
    sealed = peewee.BooleanField(default=False)  # recorded while locked, linked at unlock

    class Meta:
        indexes = ((("call", "started_at"), False),)


class Transcript(BaseModel):
    """Text an offline engine heard in a recording (searchable with the customer's history)."""

    recording = peewee.ForeignKeyField(
        Recording, backref="transcripts", on_delete="CASCADE", unique=True
    )
    engine = peewee.CharField()
    language = peewee.CharField(default="")
    text = peewee.TextField(default="")
    audio_s = peewee.FloatField(default=0.0)
    elapsed_s = peewee.FloatField(default=0.0)
