"""Keeps the search index in step with use-case edits of a customer's searchable text."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from appliance.db.models import database_proxy
from appliance.db.search import reindex_customers

P = ParamSpec("P")
R = TypeVar("R")


def customers_changed(*customer_ids: int | None, more: Iterable[int] = ()) -> None:
    """Reindex these customers (None ids are ignored); call inside the edit's transaction."""
    ids = [int(c) for c in (*customer_ids, *more) if c is not None]
    if ids:
        reindex_customers(ids)


def reindexes_customer(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run fn in a transaction, then reindex the customer of the row it returns."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with database_proxy.atomic():
            row = fn(*args, **kwargs)
            customers_changed(getattr(row, "customer_id", None))
        return row

    return wrapper
