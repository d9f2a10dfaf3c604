""" "The usual": the customer's most frequent order among the last ten (not cancelled); of equal
counts the newest wins. Read with two fixed statements, so the pop can show it as it rings."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

WINDOW = 10
Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
Item = tuple[Any, ...]  # (order_id, product_id, description, qty, options, remarks)

_ORDERS = (
    'SELECT id FROM "order" WHERE customer_id = ? AND deleted_at IS NULL '
    f"AND status != 'cancelled' ORDER BY ordered_at DESC, id DESC LIMIT {WINDOW}"
)


@lru_cache(maxsize=WINDOW + 1)
def _items_sql(n: int) -> str:
    marks = ", ".join("?" * n)
    return (
        'SELECT order_id, product_id, description, qty, options, remarks FROM "order_item" '
        f"WHERE order_id IN ({marks}) ORDER BY id"
    )


def signature(items: Sequence[Item]) -> tuple[tuple[Any, ...], ...]:
    """What makes two orders the same order: products (or free text), qty, options, remarks."""
    return tuple(
        sorted(
            (
                int(pid) if pid is not None else 0,
                "" if pid is not None else str(desc),
                int(qty),
                str(opts or ""),
                str(remarks or ""),
            )
            for _, pid, desc, qty, opts, remarks in items
        )
    )


def pick(order_ids: Sequence[int], items: Sequence[Item]) -> int | None:
    """Of orders given newest first, the newest one of the most frequent kind."""
    by_order: dict[int, list[Item]] = {}
    for item in items:
        by_order.setdefault(int(item[0]), []).append(item)
    counts: dict[tuple[tuple[Any, ...], ...], int] = {}
    newest: dict[tuple[tuple[Any, ...], ...], int] = {}
    for oid in order_ids:
        sig = signature(by_order.get(int(oid), []))
        if not sig:
            continue
        counts[sig] = counts.get(sig, 0) + 1
        newest.setdefault(sig, int(oid))
    if not counts:
        return None
    best = max(counts.values())
    return next(newest[s] for s in newest if counts[s] == best)


def usual(rows: Rows, customer_id: int) -> tuple[int | None, list[str]]:
    """(the usual order's id, its lines as words like 天ぷらそば×2 (大盛り)), or (None, [])."""
    ids = [int(r[0]) for r in rows(_ORDERS, (customer_id,))]
    if not ids:
        return None, []
    items = rows(_items_sql(len(ids)), ids)
    chosen = pick(ids, items)
    if chosen is None:
        return None, []
    return chosen, [_words(i) for i in items if int(i[0]) == chosen]


def _words(item: Item) -> str:
    _, _, desc, qty, opts, remarks = item
    text = str(desc) + (f"×{int(qty)}" if int(qty) != 1 else "")
    names = [str(n) for n, _ in _json_pairs(str(opts or ""))]
    extra = names + ([str(remarks)] if remarks else [])
    return text + (f" ({'・'.join(extra)})" if extra else "")


def _json_pairs(text: str) -> list[tuple[Any, Any]]:
    return [(x[0], x[1]) for x in json.loads(text)] if text else []
