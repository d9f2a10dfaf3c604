"""Business cards and survey answers attached to customers."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.text import clean, clean_multiline
from appliance.db.models import BusinessCard, Customer, SurveyResponse


def add_business_card(
    actor: Actor,
    *,
    image_ref: str = "",
    ocr_text: str = "",
    parsed: dict[str, Any] | None = None,
    customer_id: int | None = None,
    exchanged_at: dt.date | None = None,
    exchanged_where: str = "",
) -> BusinessCard:
    """Store a scanned card: encrypted image reference, OCR text, parsed fields, where/when."""
    if customer_id is not None:
        editing.get_row(Customer, customer_id)
    fields = {clean(str(k)): clean(str(v)) for k, v in (parsed or {}).items() if v}
    return editing.create(
        actor,
        BusinessCard,
        customer=customer_id,
        image_ref=image_ref,
        ocr_text=clean_multiline(ocr_text),
        parsed=json.dumps(fields, ensure_ascii=False, sort_keys=True),
        exchanged_at=exchanged_at,
        exchanged_where=clean(exchanged_where),
    )


def record_survey(
    actor: Actor,
    score: int,
    *,
    customer_id: int | None = None,
    call_id: int | None = None,
    comment: str = "",
) -> SurveyResponse:
    """An NPS answer 0–10."""
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise InvalidInput(f"NPS は 0〜10 です / an NPS score is 0..10, not {score!r}")
    with SurveyResponse._meta.database.atomic():
        row = SurveyResponse.create(
            score=score, customer=customer_id, call=call_id, comment=clean_multiline(comment)
        )
        audit.record(actor, "survey_response", row.id, "create", None, audit.row_to_dict(row))
    return row


def nps(responses: list[int]) -> float | None:
    """Net Promoter Score: % promoters (9–10) minus % detractors (0–6); None with no answers."""
    if not responses:
        return None
    promoters = sum(1 for s in responses if s >= 9)
    detractors = sum(1 for s in responses if s <= 6)
    return 100.0 * (promoters - detractors) / len(responses)
