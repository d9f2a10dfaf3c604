"""Tasks and callbacks: open list by due time and assignee, done, cancel, reopen."""

from __future__ import annotations

import datetime as dt

import pytest
from faker import Faker

from appliance.core import customers, tasks, users
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.db.models import utcnow
from appliance.db.store import Store

fake = Faker("ja_JP")


def test_callbacks_by_due_time_and_assignee(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    sato = users.create_user(actor, "sato", display_name="佐藤")
    now = utcnow()
    later = tasks.create_task(
        actor, "見積もりの返事", customer_id=c.id, due_at=now + dt.timedelta(hours=3)
    )
    soon = tasks.create_task(
        actor,
        "配達時間の確認",
        customer_id=c.id,
        due_at=now + dt.timedelta(minutes=5),
        assignee_id=sato.id,
    )
    undated = tasks.create_task(actor, "カタログ送付", kind="task")
    assert [t.id for t in tasks.open_tasks()] == [soon.id, later.id, undated.id]
    assert [t.id for t in tasks.open_tasks(assignee_id=sato.id)] == [soon.id]
    overdue = tasks.open_tasks(due_before=now + dt.timedelta(hours=1))
    assert [t.id for t in overdue] == [soon.id]
    done = tasks.complete_task(actor, soon.id, 1)
    assert done.state == "done" and done.done_at is not None
    with pytest.raises(Conflict):
        tasks.complete_task(actor, soon.id, 2)
    tasks.reopen_task(actor, soon.id, 2)
    moved = tasks.reschedule(actor, later.id, 1, assignee_id=sato.id)
    assert moved.assignee.id == sato.id
    tasks.cancel_task(actor, undated.id, 1)
    assert {t.id for t in tasks.open_tasks()} == {soon.id, later.id}


def test_bad_kind_refused(store: Store, actor: Actor) -> None:
    with pytest.raises(InvalidInput):
        tasks.create_task(actor, "x", kind="chore")
