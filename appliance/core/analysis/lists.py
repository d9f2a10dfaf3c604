"""Lists the shop acts on: due for the next purchase, dormant regulars (with what preceded
their silence: notes, calls, contacts, cancelled and late orders, the caution flag), at risk
(ordering less), cross-sell candidates (db thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from appliance.core.analysis import metrics
from appliance.core.analysis.figures import Figures, live_metrics, rows
from appliance.core.analysis.params import load
from appliance.core.errors import InvalidInput
from appliance.db.models import Call, Customer, Interaction, Note, Order, database_proxy, utcnow
from appliance.db.models.analysis import CustomerMetric

PRECEDING = 3  # interactions shown before a dormant customer went quiet
PEER_SHARE = 0.5  # a category "peers buy" is bought by at least half of the same rank


@dataclass(frozen=True)
class Before:
    """Something that happened before a customer went quiet: when, what kind, its text."""

    at: dt.datetime
    kind: str  # note | call | interaction | cancelled | late | caution
    text: str


@dataclass(frozen=True)
class ListRow:
    """A customer on a list, their figures and why they are on it."""

    figures: Figures
    reason: str = ""
    before: list[Before] = field(default_factory=list)


def due(limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """Regulars whose next purchase falls within analysis.due_ahead_days (or is overdue) and
    who are not dormant, soonest first."""
    metrics.settle(now)
    at = now or utcnow()
    horizon = at + dt.timedelta(days=load().due_ahead_days)
    query = live_metrics().where(
        CustomerMetric.next_due_at.is_null(False)
        & (CustomerMetric.next_due_at <= horizon)
        & ~CustomerMetric.dormant
    )
    found = rows(query.order_by(CustomerMetric.next_due_at).limit(limit))
    return [ListRow(f, f.next_due_at.date().isoformat() if f.next_due_at else "") for f in found]


def _before(customer: int, quiet_since: dt.datetime) -> list[Before]:
    """The last notes, calls and contacts up to the customer's last activity, newest first."""
    upto = quiet_since + dt.timedelta(seconds=1)
    seen: list[Before] = []
    notes = Note.live().where((Note.customer == customer) & (Note.created_at <= upto))
    for n in notes.order_by(Note.created_at.desc()).limit(PRECEDING):
        seen.append(Before(n.created_at, "note", str(n.body)[:80]))
    calls = Call.select().where((Call.customer == customer) & (Call.started_at <= upto))
    for c in calls.order_by(Call.started_at.desc()).limit(PRECEDING):
        seen.append(Before(c.started_at, "call", str(c.disposition or c.state)))
    contacts = Interaction.live().where(
        (Interaction.customer == customer) & (Interaction.occurred_at <= upto)
    )
    for i in contacts.order_by(Interaction.occurred_at.desc()).limit(PRECEDING):
        seen.append(Before(i.occurred_at, "interaction", f"{i.kind}: {str(i.summary)[:60]}"))
    cancelled = Order.live().where((Order.customer == customer) & (Order.status == "cancelled"))
    for o in cancelled.order_by(Order.ordered_at.desc()).limit(PRECEDING):
        seen.append(Before(o.ordered_at, "cancelled", str(o.note)[:60]))
    late = Order.live().where(
        (Order.customer == customer)
        & (Order.status == "done")
        & (Order.status_at > Order.promise_at)
        & (Order.ordered_at <= upto)
    )
    for o in late.order_by(Order.ordered_at.desc()).limit(PRECEDING):
        minutes = round((o.status_at - o.promise_at).total_seconds() / 60)
        seen.append(Before(o.ordered_at, "late", f"+{minutes} min"))
    seen.sort(key=lambda b: b.at, reverse=True)
    return seen[:PRECEDING]


def dormant(limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """Dormant regulars, biggest spenders first, each with what preceded their silence (the
    caution flag first when set)."""
    metrics.settle(now)
    query = live_metrics().where(CustomerMetric.dormant)
    query = query.order_by(CustomerMetric.revenue.desc(), CustomerMetric.customer)
    out = []
    for f in rows(query.limit(limit)):
        m = CustomerMetric.get_by_id(f.customer_id)
        quiet = max(t for t in (m.last_order_at, m.last_call_at) if t is not None)
        before = _before(f.customer_id, quiet)
        c = Customer.get_by_id(f.customer_id)
        if c.caution:
            before.insert(0, Before(quiet, "caution", str(c.caution_note)[:80]))
        out.append(ListRow(f, quiet.date().isoformat(), before))
    return out


_HALVES = (
    'SELECT customer_id, sum(ordered_at < ?), sum(ordered_at >= ?) FROM "order" '
    "WHERE ordered_at >= ? AND status != 'cancelled' AND deleted_at IS NULL "
    "GROUP BY customer_id HAVING sum(ordered_at < ?) >= 2 AND 2 * sum(ordered_at >= ?) "
    "<= sum(ordered_at < ?)"
)


def at_risk(limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """Customers ordering less: in the window's later half at most half as many orders as in
    its earlier half (two there at least), not yet dormant; biggest spenders first."""
    metrics.settle(now)
    at = now or utcnow()
    window = dt.timedelta(days=load().window_days)
    start, mid = (at - window).isoformat(" "), (at - window / 2).isoformat(" ")
    found = {
        int(cid): (int(early), int(late))
        for cid, early, late in database_proxy.obj.execute_sql(
            _HALVES, (mid, mid, start, mid, mid, mid)
        )
    }
    if not found:
        return []
    query = live_metrics().where(CustomerMetric.customer.in_(list(found)) & ~CustomerMetric.dormant)
    query = query.order_by(CustomerMetric.revenue.desc(), CustomerMetric.customer)
    return [
        ListRow(f, f"{found[f.customer_id][0]} → {found[f.customer_id][1]}")
        for f in rows(query.limit(limit))
    ]


# what a customer bought, by category (a product without one stands for itself)
_GROUP = "CASE WHEN p.category_id IS NULL THEN -p.id ELSE p.category_id END"
_BOUGHT = (
    f'SELECT DISTINCT o.customer_id, {_GROUP} FROM "order_item" AS i '
    'JOIN "order" AS o ON o.id = i.order_id JOIN "product" AS p ON p.id = i.product_id '
    "WHERE o.status != 'cancelled' AND o.deleted_at IS NULL"
)
_NAMES = 'SELECT id, name FROM "category" UNION ALL SELECT -id, name FROM "product"'
_RANKED = "SELECT customer_id, rank FROM \"customer_metric\" WHERE rank != ''"


def cross_sell(limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """Customers who never bought a category most of their rank's customers buy (A, B, C are
    peers; a product with no category counts as its own), biggest spenders first; the reason
    names the category."""
    metrics.settle(now)
    ranks = database_proxy.obj.execute_sql(_RANKED)
    ranked = {int(c): str(r) for c, r in ranks}
    bought: dict[int, set[int]] = {}
    for cid, pid in database_proxy.obj.execute_sql(_BOUGHT):
        if int(cid) in ranked:
            bought.setdefault(int(cid), set()).add(int(pid))
    names = {int(i): str(n) for i, n in database_proxy.obj.execute_sql(_NAMES)}
    popular: dict[str, list[int]] = {}
    for rank in "ABC":
        peers = [c for c, r in ranked.items() if r == rank]
        counts: dict[int, int] = {}
        for c in peers:
            for pid in bought.get(c, ()):
                counts[pid] = counts.get(pid, 0) + 1
        popular[rank] = sorted(
            (p for p, n in counts.items() if len(peers) >= 2 and n >= PEER_SHARE * len(peers)),
            key=lambda p: (-counts[p], p),
        )
    missing = {
        c: next(p for p in popular[r] if p not in bought.get(c, set()))
        for c, r in ranked.items()
        if any(p not in bought.get(c, set()) for p in popular[r])
    }
    if not missing:
        return []
    query = live_metrics().where(CustomerMetric.customer.in_(list(missing)))
    query = query.order_by(CustomerMetric.window_spend.desc(), CustomerMetric.customer)
    return [ListRow(f, names.get(missing[f.customer_id], "")) for f in rows(query.limit(limit))]


SURVEY_RECENT_DAYS = 30  # who ordered lately ...
SURVEY_QUIET_DAYS = 180  # ... and has not been asked for a while
_ASKED = 'SELECT DISTINCT customer_id FROM "survey_response" WHERE answered_at >= ?'


def survey(limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """Customers to ask for their NPS: an order in the last 30 days and no answer in 180,
    biggest spenders first."""
    metrics.settle(now)
    at = now or utcnow()
    since = (at - dt.timedelta(days=SURVEY_QUIET_DAYS)).isoformat(" ")
    asked = {int(c) for (c,) in database_proxy.obj.execute_sql(_ASKED, (since,)) if c}
    recent = at - dt.timedelta(days=SURVEY_RECENT_DAYS)
    query = live_metrics().where(CustomerMetric.last_order_at >= recent)
    query = query.order_by(CustomerMetric.window_spend.desc(), CustomerMetric.customer)
    found = [f for f in rows(query) if f.customer_id not in asked][:limit]
    return [
        ListRow(f, f.last_order_at.date().isoformat() if f.last_order_at else "") for f in found
    ]


LISTS: dict[str, Callable[[int, dt.datetime | None], list[ListRow]]] = {
    "due": due,
    "dormant": dormant,
    "at_risk": at_risk,
    "cross_sell": cross_sell,
    "survey": survey,
}


def get_list(name: str, limit: int, now: dt.datetime | None = None) -> list[ListRow]:
    """One of LISTS by name; InvalidInput for another name or a bad limit."""
    if name not in LISTS:
        raise InvalidInput(f"一覧がありません / no list {name!r}: one of {', '.join(LISTS)}")
    if not 1 <= limit <= 100_000:
        raise InvalidInput("件数は 1〜100000 / the limit must be 1..100000")
    return LISTS[name](limit, now)
