"""Task routes: tasks and callbacks by assignee, create, versioned edit, the callback board."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from appliance.api import views
from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.timefmt import naive_utc
from appliance.contract import TaskIn, TaskOut, TaskPatch
from appliance.core import editing, tasks
from appliance.core.access.sessions import Caller
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.models import Call, Task, database_proxy

if TYPE_CHECKING:
    from appliance.api.server import ApiState

Limit = Annotated[int, Query(ge=1, le=1000)]


def _list(assignee: int | None, open_only: bool, kind: str | None, limit: int) -> list[TaskOut]:
    query = views.tasks_query()
    if assignee is not None:
        query = query.where(Task.assignee == assignee)
    if open_only:
        query = query.where(Task.state == "open")
    if kind is not None:
        query = query.where(Task.kind == kind)
    query = query.order_by(Task.state != "open", Task.due_at.is_null(), Task.due_at, Task.id)
    return [views.task_out(t) for t in query.limit(limit)]


def _get(task_id: int) -> TaskOut:
    task = views.tasks_query().where(Task.id == task_id).first()
    if task is None:
        editing.get_row(Task, task_id)  # raises NotFound
    return views.task_out(task)


def _create(actor: Actor, body: TaskIn) -> TaskOut:
    if body.call_id is not None:
        editing.get_row(Call, body.call_id)
    row = tasks.create_task(
        actor, body.reason, kind=body.kind, customer_id=body.customer_id,
        due_at=naive_utc(body.due_at), assignee_id=body.assignee_id, call_id=body.call_id,
    )  # fmt: skip
    return _get(int(row.id))


def _patch(actor: Actor, task_id: int, body: TaskPatch) -> TaskOut:
    try:
        return _apply(actor, task_id, body)
    except StaleEdit as exc:
        raise views.restale(exc, _get(task_id)) from None


def _apply(actor: Actor, task_id: int, body: TaskPatch) -> TaskOut:
    version = body.version
    due = naive_utc(body.due_at)
    moves = due is not None or body.assignee_id is not None
    with database_proxy.atomic():
        row = editing.update(actor, Task, task_id, version, {})  # stale first, then the rules
        if body.state == "open" and row.state != "open":
            version = int(tasks.reopen_task(actor, task_id, version).version)
        if moves:
            version = int(tasks.reschedule(actor, task_id, version, due_at=due,
                                           assignee_id=body.assignee_id).version)  # fmt: skip
        if body.state == "done" and row.state != "done":
            tasks.complete_task(actor, task_id, version)
        elif body.state == "cancelled" and row.state != "cancelled":
            tasks.cancel_task(actor, task_id, version)
    return _get(task_id)


def router(state: ApiState) -> APIRouter:
    """The task and callback routes (operator and up)."""
    api = APIRouter(tags=["tasks"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")

    @api.get("/tasks")
    async def list_tasks(
        assignee: Annotated[int | None, Query(ge=1, le=2**53)] = None,
        open_only: Annotated[bool, Query(alias="open")] = True,
        mine: bool = False,
        limit: Limit = 200,
        c: Caller = who,
    ) -> list[TaskOut]:
        """Tasks (open ones unless open=false), one person's with assignee= or mine=true."""
        result: list[TaskOut] = await run(
            _list, c.user_id if mine else assignee, open_only, None, limit
        )
        return result

    @api.post("/tasks", status_code=201)
    async def create_task(body: TaskIn, c: Caller = who) -> TaskOut:
        """A new task or callback."""
        result: TaskOut = await run(_create, c.actor, body)
        return result

    @api.get("/tasks/{task_id}")
    async def get_task(task_id: RowId, _: Caller = who) -> TaskOut:
        """One task."""
        result: TaskOut = await run(_get, task_id)
        return result

    @api.patch("/tasks/{task_id}", responses=STALE)
    async def patch_task(task_id: RowId, body: TaskPatch, c: Caller = who) -> TaskOut:
        """Done, cancelled, reopened, rescheduled or reassigned; 409 StaleOut when stale."""
        result: TaskOut = await run(_patch, c.actor, task_id, body)
        return result

    @api.get("/callbacks")
    async def callbacks(limit: Limit = 200, _: Caller = who) -> list[TaskOut]:
        """The shared callback board: every open callback (missed, after-hours, voicemail)."""
        result: list[TaskOut] = await run(_list, None, True, "callback", limit)
        return result

    return api
