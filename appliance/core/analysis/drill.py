"""The customers behind a figure of the analysis screen (db thread)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from appliance.contract.analysis import DrillOut
from appliance.core import views
from appliance.core.analysis import metrics, params
from appliance.core.analysis.months import Months, parse_month
from appliance.core.errors import InvalidInput
from appliance.db.models import database_proxy, utcnow

SHOWN = 200
_LIVE = (
    "o.status != 'cancelled' AND o.deleted_at IS NULL AND o.ordered_at >= ? AND o.ordered_at < ?"
)
_ADDRESS = (
    'JOIN "address" AS a ON a.id = (SELECT min(b.id) FROM "address" AS b '
    "WHERE b.customer_id = o.customer_id AND b.deleted_at IS NULL)"
)
_MONTHLY: dict[str, str] = {
    "customers": f'SELECT DISTINCT o.customer_id FROM "order" AS o WHERE {_LIVE}',
    "region": f'SELECT DISTINCT o.customer_id FROM "order" AS o {_ADDRESS} '
    f"WHERE {_LIVE} AND a.prefecture = ?",
    "city": f'SELECT DISTINCT o.customer_id FROM "order" AS o {_ADDRESS} '
    f"WHERE {_LIVE} AND trim(a.prefecture || ' ' || a.city) = ?",
    "category": 'SELECT DISTINCT o.customer_id FROM "order" AS o '
    'JOIN "order_item" AS i ON i.order_id = o.id JOIN "product" AS p ON p.id = i.product_id '
    'LEFT JOIN "category" AS c ON c.id = p.category_id '
    f"WHERE {_LIVE} AND coalesce(c.name, '') = ?",
    "gender": 'SELECT DISTINCT o.customer_id FROM "order" AS o '
    f'JOIN "customer" AS k ON k.id = o.customer_id WHERE {_LIVE} AND k.gender = ?',
}
_STANDING: dict[str, str] = {
    "new": 'SELECT customer_id FROM "customer_metric" '
    "WHERE first_order_at >= ? AND first_order_at < ?",
    "rank": 'SELECT customer_id FROM "customer_metric" WHERE rank = ? ORDER BY window_spend DESC',
    "dormant": 'SELECT customer_id FROM "customer_metric" WHERE dormant ORDER BY revenue DESC',
    "due": 'SELECT customer_id FROM "customer_metric" WHERE next_due_at <= ? AND NOT dormant '
    "ORDER BY next_due_at",
}
FIGURES = tuple(_MONTHLY) + tuple(_STANDING)


def drill(figure: str, month: str = "", value: str = "") -> DrillOut:
    """Customers behind `figure` (FIGURES) of business month 'YYYY-MM' and label `value`."""
    if figure not in FIGURES:
        raise InvalidInput(f"項目がありません / no figure {figure!r}: one of {', '.join(FIGURES)}")
    metrics.settle()
    args: tuple[Any, ...] = ()
    if figure in _MONTHLY or figure == "new":
        span = Months(parse_month(month), 1)
        args = (span.start.isoformat(" "), span.end.isoformat(" "))
    if figure in ("region", "city", "category", "gender", "rank"):
        args = (*args, value)
    if figure == "due":
        horizon = utcnow() + dt.timedelta(days=params.load().due_ahead_days)
        args = (horizon.isoformat(" "),)
    sql = _MONTHLY.get(figure) or _STANDING[figure]
    ids = [int(c) for (c,) in database_proxy.obj.execute_sql(sql, args)]
    return DrillOut(figure=figure, count=len(ids), customers=views.summaries(ids[:SHOWN]))
