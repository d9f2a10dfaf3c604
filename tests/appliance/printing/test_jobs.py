"""Print jobs do not keep addresses forever: printed ones go after a week, and erasing a
customer (APPI) deletes the jobs of their orders, waiting or printed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from faker import Faker

from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.core.orders import Line, place_order
from appliance.core.privacy import erase_customer
from appliance.db.models.base import utcnow
from appliance.db.models.printing import PrintJob
from appliance.db.store import Store
from appliance.printing import jobs
from tests.appliance.printing.slips import japanese_slip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


def _purge_case() -> tuple[int, list[int]]:
    old, recent, _waiting = jobs.add(japanese_slip(), ["a", "a", "a"])
    jobs.printed(old)
    jobs.printed(recent)
    PrintJob.update(printed_at=utcnow() - dt.timedelta(days=8)).where(PrintJob.id == old).execute()
    gone = jobs.purge(utcnow() - dt.timedelta(days=7))
    return gone, [j.id for j in PrintJob.select().order_by(PrintJob.id)]


def test_printed_jobs_past_keeping_are_deleted_waiting_ones_never(store: Store) -> None:
    gone, left = store.executor.call(_purge_case)
    assert gone == 1 and left == [2, 3]


def _erase_case() -> tuple[int, int]:
    fake = Faker("ja_JP")
    fake.seed_instance(11)
    actor = Actor(None, None, "受付")
    mine = create_customer(actor, fake.name(), phones=[(fake.phone_number(), "自宅")])
    other = create_customer(actor, fake.name(), phones=[(fake.phone_number(), "自宅")])
    for who in (mine, other):
        order = place_order(
            actor, int(who.id), [Line(qty=1, description="天ざるそば", unit_price=1380)]
        )
        jobs.add(dataclasses.replace(japanese_slip(), order_id=int(order.id)), ["a", "b"])
    erase_customer(actor, int(mine.id))
    left = {int(j.order_id) for j in PrintJob.select()}
    return len(left), PrintJob.select().count()


def test_erasing_a_customer_deletes_the_print_jobs_of_their_orders(store: Store) -> None:
    orders_left, jobs_left = store.executor.call(_erase_case)
    assert (orders_left, jobs_left) == (1, 2)
