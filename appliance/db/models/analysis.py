"""Derived per-customer figures (rank, RFM, LTV, cycle) and what is left to recompute.

These tables are computed from orders and calls, never edited: they are not replicated to
desks (a restored box recomputes them)."""

from __future__ import annotations

import peewee

from appliance.db.models.base import database_proxy
from appliance.db.models.people import Customer


class _Derived(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class CustomerMetric(_Derived):
    """One customer's purchase figures and scores as of computed_at (0 / '' when none)."""

    customer = peewee.ForeignKeyField(Customer, primary_key=True, on_delete="CASCADE")
    orders_n = peewee.IntegerField(default=0)
    revenue = peewee.IntegerField(default=0)
    first_order_at = peewee.DateTimeField(null=True)
    last_order_at = peewee.DateTimeField(null=True, index=True)
    window_orders = peewee.IntegerField(default=0)
    window_spend = peewee.IntegerField(default=0)
    last_call_at = peewee.DateTimeField(null=True)
    rank = peewee.CharField(default="", index=True)
    decile = peewee.IntegerField(default=0)
    r = peewee.IntegerField(default=0)
    f = peewee.IntegerField(default=0)
    m = peewee.IntegerField(default=0)
    ltv = peewee.IntegerField(default=0)
    cycle_days = peewee.FloatField(null=True)
    next_due_at = peewee.DateTimeField(null=True, index=True)
    dormant = peewee.BooleanField(default=False, index=True)
    computed_at = peewee.DateTimeField()


class MetricDirty(_Derived):
    """A customer whose orders or calls changed since their metric row was written (filled by
    triggers on order and call, emptied by the incremental refresh)."""

    customer_id = peewee.IntegerField(primary_key=True)


class AnalysisState(_Derived):
    """Named JSON values of the last full recompute: its time, parameters and score cuts."""

    name = peewee.CharField(primary_key=True)
    value = peewee.TextField()


DERIVED_MODELS: tuple[type[peewee.Model], ...] = (CustomerMetric, MetricDirty, AnalysisState)
