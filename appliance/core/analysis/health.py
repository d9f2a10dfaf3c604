"""A health score per customer (0-100) from recency, frequency, complaints and NPS (db
thread)."""

from __future__ import annotations

import datetime as dt

from appliance.core.analysis import metrics
from appliance.db.models import database_proxy, utcnow

HOW = "35% recency + 35% frequency (RFM 1-5) + 15% last NPS (none: half) + 15% no complaint"
_INPUTS = (
    "SELECT m.customer_id, m.r, m.f, c.caution, "
    '(SELECT s.score FROM "survey_response" AS s WHERE s.customer_id = m.customer_id '
    "ORDER BY s.answered_at DESC LIMIT 1), "
    '(SELECT count(*) FROM "order" AS o WHERE o.customer_id = m.customer_id '
    "AND o.status = 'cancelled' AND o.ordered_at >= ?) "
    'FROM "customer_metric" AS m JOIN "customer" AS c ON c.id = m.customer_id'
)


def health(r: int, f: int, nps: int | None, complaints: bool) -> int:
    """0-100: HOW, with R and F scores 1-5 and the last NPS answer 0-10."""
    nps_part = 0.5 if nps is None else nps / 10
    value = 0.35 * (r - 1) / 4 + 0.35 * (f - 1) / 4 + 0.15 * nps_part
    return round(100 * (value + (0.0 if complaints else 0.15)))


def scores(window_days: int = 365) -> dict[int, int]:
    """Every buyer's health score; a complaint is the caution flag or a cancelled order."""
    metrics.settle()
    since = (utcnow() - dt.timedelta(days=window_days)).isoformat(" ")
    return {
        int(cid): health(int(r), int(f), None if nps is None else int(nps), bool(flag or cancels))
        for cid, r, f, flag, nps, cancels in database_proxy.obj.execute_sql(_INPUTS, (since,))
    }
