"""A health score per customer (0-100) from recency, frequency, complaints and NPS (db
thread)."""

from __future__ import annotations

import datetime as dt

from appliance.core.analysis import metrics
from appliance.db.models import database_proxy, utcnow

HOW = "35% recency + 35% frequency (RFM 1-5) + 15% last NPS (none: half) + 15% no complaint"
_SCORES = (
    'SELECT m.customer_id, m.r, m.f, c.caution FROM "customer_metric" AS m '
    'JOIN "customer" AS c ON c.id = m.customer_id'
)
_LAST_NPS = (  # SQLite gives the score of the row that holds the max()
    'SELECT customer_id, score, max(answered_at) FROM "survey_response" '
    "WHERE customer_id IS NOT NULL GROUP BY customer_id"
)
_CANCELLED = (
    'SELECT DISTINCT customer_id FROM "order" NOT INDEXED '
    "WHERE status = 'cancelled' AND ordered_at >= ?"
)


def health(r: int, f: int, nps: int | None, complaints: bool) -> int:
    """0-100: HOW, with R and F scores 1-5 and the last NPS answer 0-10."""
    nps_part = 0.5 if nps is None else nps / 10
    value = 0.35 * (r - 1) / 4 + 0.35 * (f - 1) / 4 + 0.15 * nps_part
    return round(100 * (value + (0.0 if complaints else 0.15)))


def scores(window_days: int = 365) -> dict[int, int]:
    """Every buyer's health score; a complaint is the caution flag or a cancelled order in the
    window (three grouped reads, whatever the number of customers)."""
    metrics.settle()
    db = database_proxy.obj
    since = (utcnow() - dt.timedelta(days=window_days)).isoformat(" ")
    last_nps = {int(c): int(s) for c, s, _at in db.execute_sql(_LAST_NPS)}
    cancelled = {int(c) for (c,) in db.execute_sql(_CANCELLED, (since,))}
    return {
        int(cid): health(int(r), int(f), last_nps.get(int(cid)), bool(flag) or cid in cancelled)
        for cid, r, f, flag in db.execute_sql(_SCORES)
    }
