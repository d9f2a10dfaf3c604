"""Wire models of tasks and callbacks."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.fields import Id, TaskKind, TaskState, UtcTime, Version

__all__ = ["TaskIn", "TaskOut", "TaskPatch"]


class TaskIn(BaseModel):
    """A new task or callback."""

    reason: str = Field(default="", max_length=4000)
    kind: TaskKind = "callback"
    customer_id: Id | None = None
    due_at: UtcTime | None = None
    assignee_id: Id | None = None
    call_id: Id | None = None


class TaskPatch(BaseModel):
    """An edit of a task: its version plus a new state, due time and/or assignee."""

    version: Version
    state: TaskState | None = None
    due_at: UtcTime | None = None
    assignee_id: Id | None = None


class TaskOut(BaseModel):
    """A stored task or callback."""

    id: int
    kind: str
    reason: str
    state: str
    customer_id: int | None = None
    customer_name: str | None = None
    call_id: int | None = None
    due_at: UtcTime | None = None
    assignee_id: int | None = None
    assignee: str | None = None
    done_at: UtcTime | None = None
    created_at: UtcTime
    version: int
    missed_count: int = 0  # a callback made by missed calls: how many it folds
    last_missed_at: UtcTime | None = None  # and when the last one rang
    missed_from: str | None = None  # and who rang (number, name): each desk words the title
