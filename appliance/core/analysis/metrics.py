"""The stored per-customer figures: full recompute in SQL, and the incremental refresh of the
customers the order and call triggers queued (db thread)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from appliance.core.analysis import scoring
from appliance.core.analysis.params import Params, load
from appliance.db.bulk import insert_rows
from appliance.db.models import database_proxy, utcnow
from appliance.db.models.analysis import CustomerMetric, MetricDirty

_EPOCH = dt.datetime(1970, 1, 1)
STALE_AFTER = dt.timedelta(hours=24)  # windows and recency move with the days: recompute daily
BULK = 2000  # more queued customers than this (an import, a seed): one full recompute is faster
_ORDERS = (
    "SELECT customer_id, count(*), sum(total), min(ordered_at), max(ordered_at), "
    "sum(ordered_at >= ?), sum(CASE WHEN ordered_at >= ? THEN total ELSE 0 END) "
    "FROM \"order\" {hint} WHERE status != 'cancelled' AND +deleted_at IS NULL"
)
# every order at once: read the table in its own order and sort, rather than follow the
# customer index to each row (a random page read, and decrypt, per order)
_WHOLE = "NOT INDEXED"
_CALLS = 'SELECT customer_id, max(started_at) FROM "call" WHERE customer_id'
# the incremental path runs on every order: fixed statements (peewee's query builder cost
# more than the queries themselves)
_CUTS = "SELECT value FROM \"analysis_state\" WHERE name = 'cuts'"
_FORGET = 'DELETE FROM "customer_metric" WHERE customer_id = ?'
_DONE = 'DELETE FROM "metric_dirty" WHERE customer_id = ?'
_QUEUED = 'SELECT customer_id FROM "metric_dirty" LIMIT ?'
_COLUMNS = (
    "customer", "orders_n", "revenue", "first_order_at", "last_order_at", "window_orders",
    "window_spend", "last_call_at", "rank", "decile", "r", "f", "m", "ltv", "cycle_days",
    "next_due_at", "dormant", "computed_at",
)  # fmt: skip


@dataclass(frozen=True)
class Cuts:
    """The score cuts of the last full recompute."""

    computed_at: dt.datetime
    rank_a: float
    rank_b: float
    decile: list[float]
    r: list[float]
    f: list[float]
    m: list[float]


def _when(text: Any) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(str(text))


def _stamp(at: dt.datetime) -> str:
    return at.isoformat(" ")


def _epoch_days(at: dt.datetime) -> float:
    return (at - _EPOCH).total_seconds() / scoring.DAY_S


def _aggregates(where: str, args: tuple[Any, ...], since: dt.datetime) -> dict[int, list[Any]]:
    db = database_proxy.obj
    rows: dict[int, list[Any]] = {}
    sql = f"{_ORDERS.format(hint='' if where else _WHOLE)} {where} GROUP BY customer_id"
    for cid, n, revenue, first, last, wn, ws in db.execute_sql(sql, (_stamp(since),) * 2 + args):
        rows[int(cid)] = [int(n), int(revenue or 0), _when(first), _when(last), int(wn), int(ws)]
    return rows


def _last_calls(where: str, args: tuple[Any, ...]) -> dict[int, dt.datetime | None]:
    sql = f"{_CALLS} {where} GROUP BY customer_id"
    return {int(c): _when(t) for c, t in database_proxy.obj.execute_sql(sql, args)}


def _row(cid: int, agg: list[Any], call: dt.datetime | None, cuts: Cuts, p: Params,
         now: dt.datetime) -> tuple[Any, ...]:  # fmt: skip
    n, revenue, first, last, wn, ws = agg
    cycle = scoring.cycle_days(first, last, n)
    seen = max(t for t in (last, call) if t is not None)
    due = last + dt.timedelta(days=cycle) if cycle is not None and n >= p.regular_orders else None
    return (
        cid, n, revenue, first, last, wn, ws, call,
        scoring.rank_of(ws, scoring.RankCuts(cuts.rank_a, cuts.rank_b)),
        scoring.decile_of(ws, cuts.decile),
        scoring.score(_epoch_days(last), cuts.r),
        1 if wn <= 0 else scoring.score(wn, cuts.f),
        1 if ws <= 0 else scoring.score(ws, cuts.m),
        scoring.ltv(revenue, n, wn, p.window_days, p.lifetime_years),
        cycle, due,
        scoring.is_dormant(cycle, seen, n, now, p.dormant_factor, p.regular_orders),
        now,
    )  # fmt: skip


def _save_cuts(cuts: Cuts) -> None:
    data = {k: v for k, v in cuts.__dict__.items() if k != "computed_at"}
    data["computed_at"] = _stamp(cuts.computed_at)
    database_proxy.obj.execute_sql(
        'INSERT OR REPLACE INTO "analysis_state" ("name", "value") VALUES (?, ?)',
        ("cuts", json.dumps(data)),
    )


def stored_cuts() -> Cuts | None:
    """The cuts of the last full recompute, or None before the first."""
    row = database_proxy.obj.execute_sql(_CUTS).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    data["computed_at"] = dt.datetime.fromisoformat(data["computed_at"])
    return Cuts(**data)


def full_recompute(now: dt.datetime | None = None) -> int:
    """Every customer's figures from all orders and calls, new cuts; returns the rows written."""
    at = now or utcnow()
    p = load()
    since = at - dt.timedelta(days=p.window_days)
    aggs = _aggregates("", (), since)
    calls = _last_calls("IS NOT NULL", ())
    spends = [a[5] for a in aggs.values()]
    positive = [s for s in spends if s > 0]
    rank = scoring.rank_cuts(spends, p.rank_a_share, p.rank_b_share)
    cuts = Cuts(
        computed_at=at,
        rank_a=rank.a,
        rank_b=rank.b,
        decile=scoring.quantile_cuts(positive, 10),
        r=scoring.quantile_cuts([_epoch_days(a[3]) for a in aggs.values()], 5),
        f=scoring.quantile_cuts([a[4] for a in aggs.values() if a[4] > 0], 5),
        m=scoring.quantile_cuts(positive, 5),
    )
    rows = [_row(cid, agg, calls.get(cid), cuts, p, at) for cid, agg in aggs.items()]
    with database_proxy.obj.atomic():
        CustomerMetric.delete().execute()
        MetricDirty.delete().execute()
        insert_rows(CustomerMetric, _COLUMNS, rows)
        _save_cuts(cuts)
    return len(rows)


def refresh(customer_ids: Iterable[int], now: dt.datetime | None = None) -> None:
    """Rescore these customers against the stored cuts (one indexed read each)."""
    cuts = stored_cuts()
    if cuts is None:
        full_recompute(now)
        return
    at = now or utcnow()
    p = load()
    since = at - dt.timedelta(days=p.window_days)
    db = database_proxy.obj
    with db.atomic():
        for cid in dict.fromkeys(customer_ids):
            agg = _aggregates("AND customer_id = ?", (cid,), since).get(cid)
            db.execute_sql(_FORGET, (cid,))
            if agg is not None:
                call = _last_calls("= ?", (cid,)).get(cid)
                insert_rows(CustomerMetric, _COLUMNS, [_row(cid, agg, call, cuts, p, at)])
            db.execute_sql(_DONE, (cid,))


def settle(now: dt.datetime | None = None) -> int:
    """Bring the table up to date: a full recompute when never done or a day old, else the
    queued customers only; returns how many customers were rescored."""
    at = now or utcnow()
    cuts = stored_cuts()
    if cuts is None or at - cuts.computed_at >= STALE_AFTER or at < cuts.computed_at:
        return full_recompute(at)
    ids = [int(c) for (c,) in database_proxy.obj.execute_sql(_QUEUED, (BULK + 1,))]
    if len(ids) > BULK:
        return full_recompute(at)
    refresh(ids, at)
    return len(ids)


def refresh_queued(now: dt.datetime | None = None) -> int:
    """After an order or call: rescore the queued customers (never a full recompute, which
    waits for the next analysis read); returns how many."""
    if stored_cuts() is None:
        return 0
    ids = [int(c) for (c,) in database_proxy.obj.execute_sql(_QUEUED, (BULK,))]
    refresh(ids, now)
    return len(ids)
