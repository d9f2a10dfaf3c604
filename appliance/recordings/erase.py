"""APPI: a person's recordings and transcripts in their export, and removed on erasure."""

from __future__ import annotations

from typing import Any

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.db.models import Transcript
from appliance.recordings import rows


def export_rows(customer_id: int) -> dict[str, list[dict[str, Any]]]:
    """The customer's recordings (without keys) and transcripts, JSON-ready."""
    recs = rows.of_customer(customer_id)
    texts = Transcript.select().where(Transcript.recording.in_([r.id for r in recs]))
    return {
        "recording": [rows.describe(r) for r in recs],
        "transcript": [audit.row_to_dict(t) for t in texts],
    }


def erase_rows(actor: Actor, customer_id: int, reason: str) -> list[int]:
    """Delete the customer's recordings with their keys and transcripts (the audio can never
    be read again; the files are swept from the drive afterwards); returns the row ids."""
    recs = rows.of_customer(customer_id)
    ids = [int(r.id) for r in recs]
    rows.remove(actor, recs, reason)
    return ids
