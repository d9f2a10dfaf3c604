"""Tasks and callbacks as desks see them (db thread): list, one, create, versioned edit."""

from __future__ import annotations

from peewee import Case, Value

from appliance.contract import TaskIn, TaskOut, TaskPatch
from appliance.core import editing, tasks, views
from appliance.core.actor import Actor
from appliance.core.clock import naive_utc, utcnow
from appliance.core.errors import StaleEdit
from appliance.db.models import Call, Task, database_proxy


def find(
    assignee: int | None,
    open_only: bool,
    kind: str | None,
    limit: int,
    me: int | None = None,
) -> list[TaskOut]:
    """Tasks by assignee, open only, kind; open first, then `me`'s own, then overdue ones,
    each by due time (none last)."""
    query = views.tasks_query()
    if assignee is not None:
        query = query.where(Task.assignee == assignee)
    if open_only:
        query = query.where(Task.state == "open")
    if kind is not None:
        query = query.where(Task.kind == kind)
    now = utcnow()
    mine = (Task.assignee == me) if me is not None else Value(False)
    overdue = Task.due_at.is_null(False) & (Task.due_at <= now)
    rank = Case(None, [(mine, 0), (overdue, 1)], 2)
    query = query.order_by(Task.state != "open", rank, Task.due_at.is_null(), Task.due_at, Task.id)
    return [views.task_out(t) for t in query.limit(limit)]


def get(task_id: int) -> TaskOut:
    """One task with customer and assignee names."""
    task = views.tasks_query().where(Task.id == task_id).first()
    if task is None:
        editing.get_row(Task, task_id)  # raises NotFound
    return views.task_out(task)


def create(actor: Actor, body: TaskIn) -> TaskOut:
    """A new task or callback -> the task."""
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    row = tasks.create_task(
        actor,
        body.reason,
        kind=body.kind,
        customer_id=body.customer_id,
        due_at=naive_utc(body.due_at),
        assignee_id=body.assignee_id,
        call_id=body.call_id,
    )
    return get(int(row.id))


def patch(actor: Actor, task_id: int, body: TaskPatch) -> TaskOut:
    """A versioned edit (state, due time, assignee) -> the task; StaleEdit carries it now."""
    try:
        return _apply(actor, task_id, body)
    except StaleEdit as exc:
        raise views.restale(exc, get(task_id)) from None


def _apply(actor: Actor, task_id: int, body: TaskPatch) -> TaskOut:
    version = body.version
    due = naive_utc(body.due_at)
    moves = due is not None or body.assignee_id is not None
    with database_proxy.atomic():
        row = editing.update(actor, Task, task_id, version, {})  # stale first, then the rules
        if body.state == "open" and row.state != "open":
            version = int(tasks.reopen_task(actor, task_id, version).version)
        if moves:
            version = int(
                tasks.reschedule(
                    actor, task_id, version, due_at=due, assignee_id=body.assignee_id
                ).version
            )
        if body.state == "done" and row.state != "done":
            tasks.complete_task(actor, task_id, version)
        elif body.state == "cancelled" and row.state != "cancelled":
            tasks.cancel_task(actor, task_id, version)
    return get(task_id)
