"""NPS answers a desk records after a call (or from a survey call list), 0-10 with a reason."""

from __future__ import annotations

from appliance.contract.analysis import NpsOut
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput, NotFound
from appliance.core.text import clean_multiline
from appliance.db.models import Call, Customer, SurveyResponse, database_proxy


def record_nps(
    actor: Actor, customer_id: int, score: int, reason: str = "", call_id: int | None = None
) -> SurveyResponse:
    """Store a 0-10 answer with its reason (after a call, or from a survey call list)."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise InvalidInput(f"NPS は 0〜10 / an NPS answer is 0..10, not {score!r}")
    if Customer.get_or_none(Customer.id == customer_id) is None:
        raise NotFound(f"見つかりません / customer #{customer_id} not found")
    if call_id is not None and Call.get_or_none(Call.id == call_id) is None:
        raise NotFound(f"見つかりません / call #{call_id} not found")
    with database_proxy.atomic():
        row = SurveyResponse.create(
            customer=customer_id, call=call_id, score=score, comment=clean_multiline(reason)[:2000]
        )
        audit.record(actor, "survey_response", row.id, "create", None, audit.row_to_dict(row))
    return row


def nps_out(row: SurveyResponse) -> NpsOut:
    """The stored answer as desks see it."""
    return NpsOut(
        id=int(row.id),
        customer_id=int(row.__data__["customer"]),
        score=int(row.score),
        reason=str(row.comment),
        answered_at=row.answered_at,
    )
