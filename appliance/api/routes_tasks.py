"""Task routes: tasks and callbacks by assignee, create, versioned edit, the callback board."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.contract import TaskIn, TaskOut, TaskPatch
from appliance.core.access.sessions import Caller
from appliance.core.usecases import tasks

Limit = Annotated[int, Query(ge=1, le=1000)]


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
            tasks.find, c.user_id if mine else assignee, open_only, None, limit, c.user_id
        )
        return result

    @api.post("/tasks", status_code=201)
    async def create_task(body: TaskIn, c: Caller = who) -> TaskOut:
        """A new task or callback."""
        result: TaskOut = await run(tasks.create, c.actor, body)
        return result

    @api.get("/tasks/{task_id}")
    async def get_task(task_id: RowId, _: Caller = who) -> TaskOut:
        """One task."""
        result: TaskOut = await run(tasks.get, task_id)
        return result

    @api.patch("/tasks/{task_id}", responses=STALE)
    async def patch_task(task_id: RowId, body: TaskPatch, c: Caller = who) -> TaskOut:
        """Done, cancelled, reopened, rescheduled or reassigned; 409 StaleOut when stale."""
        result: TaskOut = await run(tasks.patch, c.actor, task_id, body)
        return result

    @api.get("/callbacks")
    async def callbacks(limit: Limit = 200, c: Caller = who) -> list[TaskOut]:
        """The shared callback board: every open callback (missed, after-hours, voicemail);
        the caller's own first, then overdue ones, each by due time."""
        result: list[TaskOut] = await run(tasks.find, None, True, "callback", limit, c.user_id)
        return result

    return api
