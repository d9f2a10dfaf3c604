"""`ringdesk bench analysis`: the customer figures, the analysis screen and the monthly report
at 100k customers, 1M calls and 500k orders (--quick: 2k, 20k, 10k)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appliance.bench.result import BenchResult, Budget

FULL = (100_000, 1_000_000, 500_000)
QUICK = (2_000, 20_000, 10_000)
SAMPLES = 200
OPENS = 40
CATEGORIES = ("麺類", "丼物", "一品料理", "飲み物", "デザート")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def _ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _top_up(customers: int, target: int, rng: random.Random) -> int:
    """Add orders (with one item of a product in a category) until `target`; NPS answers."""
    from appliance.db.bulk import analyze, big_cache, insert_rows, paused_gc
    from appliance.db.models import (
        Category,
        Order,
        OrderItem,
        Product,
        SurveyResponse,
        database_proxy,
        utcnow,
    )

    now = utcnow()
    have = Order.select().count()
    first = int(Order.select(Order.id).order_by(Order.id.desc()).limit(1).scalar() or 0) + 1
    with big_cache(), paused_gc(), database_proxy.obj.atomic():
        products = []
        for i, name in enumerate(CATEGORIES):
            cat = Category.insert(name=name, created_at=now, updated_at=now).execute()
            for j in range(4):
                pid = Product.insert(
                    name=f"{name} {j + 1}", unit_price=500 + 300 * j + 100 * i, category=cat,
                    created_at=now, updated_at=now,
                ).execute()  # fmt: skip
                products.append((int(pid), 500 + 300 * j + 100 * i))
        orders, items = [], []
        for oid in range(first, first + max(0, target - have)):
            cid = rng.randint(1, customers)
            pid, price = rng.choice(products)
            qty = rng.choice((1, 1, 2, 3))
            when = now - dt.timedelta(days=rng.random() * 400)
            status = "cancelled" if rng.random() < 0.03 else "delivered"
            orders.append((oid, cid, when, "phone", status, qty * price, now, now, 1))
            items.append((oid, pid, "", qty, price, qty * price, now, now))
        fields = ["id", "customer", "ordered_at", "channel", "status", "total"]
        insert_rows(Order, [*fields, "created_at", "updated_at", "version"], orders)
        item_fields = ["order", "product", "description", "qty", "unit_price", "line_total"]
        insert_rows(OrderItem, [*item_fields, "created_at", "updated_at"], items)
        answers = [
            (rng.randint(1, customers), rng.choice((10, 9, 9, 8, 7, 6, 3)), "",
             now - dt.timedelta(days=rng.random() * 365), now, now)
            for _ in range(customers // 20)
        ]  # fmt: skip
        insert_rows(
            SurveyResponse,
            ["customer", "score", "comment", "answered_at", "created_at", "updated_at"],
            answers,
        )
    analyze()
    return Order.select().count()


def _incremental(customers: int, rng: random.Random) -> tuple[list[float], list[float]]:
    """Place one order and bring the figures current in its transaction, as a desk's order
    does: (refresh ms, order + refresh + commit ms)."""
    from appliance.core import orders
    from appliance.core.actor import Actor
    from appliance.core.analysis import metrics
    from appliance.db.models import database_proxy

    actor = Actor.system("bench")
    refresh, whole = [], []
    for _ in range(SAMPLES):
        cid = rng.randint(1, customers)
        start = time.perf_counter()
        with database_proxy.atomic():
            orders.place_order(actor, cid, [orders.Line(description="bench", unit_price=1200)])
            refresh.append(_ms(metrics.refresh_queued))
        whole.append((time.perf_counter() - start) * 1000)
    return refresh, whole


def run(args: argparse.Namespace) -> BenchResult:
    """Seed a temp box, then time the full recompute, one order's refresh, the screen's first
    view and the monthly report."""
    from appliance.core.analysis import desk, metrics, months, report
    from appliance.core.seeding import seed
    from appliance.db.store import Store

    n_customers, n_calls, n_orders = QUICK if getattr(args, "quick", False) else FULL
    rng = random.Random(20261122)
    result = BenchResult("analysis")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-analysis-") as tmp:
        store = Store.open(Path(tmp) / "box.db", os.urandom(32), create=True)
        try:
            run_db = store.executor.call
            start = time.perf_counter()
            run_db(seed, n_customers, n_calls)
            total_orders = run_db(_top_up, n_customers, n_orders, rng)
            seed_s = time.perf_counter() - start
            start = time.perf_counter()
            run_db(metrics.full_recompute)
            full_s = time.perf_counter() - start
            refresh, whole = run_db(_incremental, n_customers, rng)
            start = time.perf_counter()
            run_db(desk.overview, True)
            overview_s = time.perf_counter() - start
            opens = [_ms(lambda: run_db(desk.overview)) for _ in range(OPENS)]
            month = months.add_months(run_db(months.this_month), -1)
            start = time.perf_counter()
            run_db(report.write_report, month, Path(tmp) / "report.xlsx")
            report_s = time.perf_counter() - start
        finally:
            store.close()
    result.figures = {
        "full_recompute_s": round(full_s, 2),
        "incremental_ms": _pct(refresh, 0.99),
        "screen_open_ms": _pct(opens, 0.95),
        "report_s": round(report_s, 2),
        "order_with_refresh_p99_ms": _pct(whole, 0.99),
        "overview_compute_s": round(overview_s, 2),
    }
    result.budgets = {
        "full_recompute_s": Budget(30.0),
        "incremental_ms": Budget(20.0),
        "screen_open_ms": Budget(300.0),
        "report_s": Budget(30.0),
    }
    result.context = {
        "customers": n_customers,
        "calls": n_calls,
        "orders": total_orders,
        "seed_s": round(seed_s, 1),
        "incremental_samples": SAMPLES,
        "screen_opens": OPENS,
        "screen_open": "the overview as kept (computed at most 15 min before; r recomputes it: "
        "overview_compute_s)",
    }
    return result
