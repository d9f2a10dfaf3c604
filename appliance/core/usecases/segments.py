"""Segments (db thread): a condition search's customers, and the saved queries."""

from __future__ import annotations

from appliance.contract import SavedSegmentIn, SavedSegmentOut, SegmentOut
from appliance.core import views
from appliance.core.actor import Actor
from appliance.core.errors import NotFound
from appliance.core.segments import parse_segment, segment_query
from appliance.core.settings import get_setting, set_setting
from appliance.db.models import Customer, database_proxy

SAVED_KEY = "_saved_segments"  # internal setting: a list of {id, name, query}


def segment(q: str, limit: int) -> SegmentOut:
    """The customers a condition query matches (count and the first `limit`)."""
    query = segment_query(parse_segment(q))
    ids = [int(c.id) for c in query.select(Customer.id).limit(limit)]
    return SegmentOut(query=q, count=query.count(), customers=views.summaries(ids))


def saved_segments() -> list[SavedSegmentOut]:
    """The saved queries."""
    return [SavedSegmentOut.model_validate(s) for s in get_setting(SAVED_KEY, [])]


def save(actor: Actor, body: SavedSegmentIn) -> SavedSegmentOut:
    """Save a query (checked first) -> it with its id."""
    parse_segment(body.query)  # InvalidInput says what is wrong with it
    with database_proxy.atomic():
        saved = saved_segments()
        row = SavedSegmentOut(id=max((s.id for s in saved), default=0) + 1, **body.model_dump())
        set_setting(actor, SAVED_KEY, [s.model_dump() for s in [*saved, row]])
    return row


def forget(actor: Actor, segment_id: int) -> None:
    """Delete a saved query; NotFound when there is none."""
    with database_proxy.atomic():
        saved = saved_segments()
        kept = [s for s in saved if s.id != segment_id]
        if len(kept) == len(saved):
            raise NotFound(f"見つかりません / saved segment #{segment_id} not found")
        set_setting(actor, SAVED_KEY, [s.model_dump() for s in kept])
