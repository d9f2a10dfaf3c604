"""Tasks and callbacks: due time, assignee, reason; open → done or cancelled."""

from __future__ import annotations

import datetime as dt

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.text import clean_multiline
from appliance.db.models import Customer, Task, User, utcnow

KINDS = ("callback", "task")


def create_task(
    actor: Actor,
    reason: str,
    *,
    kind: str = "callback",
    customer_id: int | None = None,
    due_at: dt.datetime | None = None,
    assignee_id: int | None = None,
    call_id: int | None = None,
) -> Task:
    """A new open task or callback."""
    if kind not in KINDS:
        raise InvalidInput(f"種別が不正です / kind must be one of {KINDS}")
    if customer_id is not None:
        editing.get_row(Customer, customer_id)
    if assignee_id is not None:
        editing.get_row(User, assignee_id)
    return editing.create(
        actor,
        Task,
        kind=kind,
        reason=clean_multiline(reason),
        customer=customer_id,
        due_at=due_at,
        assignee=assignee_id,
        call=call_id,
    )


def _open(task_id: int) -> Task:
    task = editing.get_row(Task, task_id)
    if task.state != "open":
        raise Conflict(f"この用件は終了しています / task #{task_id} is already {task.state}")
    return task


def complete_task(actor: Actor, task_id: int, expected_version: int) -> Task:
    """Mark done, stamping done_at."""
    _open(task_id)
    return editing.update(
        actor, Task, task_id, expected_version, {"state": "done", "done_at": utcnow()}
    )


def cancel_task(actor: Actor, task_id: int, expected_version: int) -> Task:
    """Cancel an open task."""
    _open(task_id)
    return editing.update(actor, Task, task_id, expected_version, {"state": "cancelled"})


def reopen_task(actor: Actor, task_id: int, expected_version: int) -> Task:
    """Undo complete/cancel."""
    return editing.update(
        actor, Task, task_id, expected_version, {"state": "open", "done_at": None}
    )


def reschedule(
    actor: Actor,
    task_id: int,
    expected_version: int,
    *,
    due_at: dt.datetime | None = None,
    assignee_id: int | None = None,
) -> Task:
    """Move the due time and/or hand the task to someone else."""
    _open(task_id)
    changes: dict[str, object] = {}
    if due_at is not None:
        changes["due_at"] = due_at
    if assignee_id is not None:
        editing.get_row(User, assignee_id)
        changes["assignee"] = assignee_id
    return editing.update(actor, Task, task_id, expected_version, changes)


def open_tasks(
    *, assignee_id: int | None = None, due_before: dt.datetime | None = None
) -> list[Task]:
    """Open, live tasks by due time (no due time last), optionally one person's or overdue."""
    query = Task.live().where(Task.state == "open")
    if assignee_id is not None:
        query = query.where(Task.assignee == assignee_id)
    if due_before is not None:
        query = query.where(Task.due_at <= due_before)
    return list(query.order_by(Task.due_at.is_null(), Task.due_at, Task.id))
