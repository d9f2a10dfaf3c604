"""What runs the core's database work: the one db thread of an open store, seen from above."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class DbRunner(Protocol):
    """Runs a function on the database thread and awaits its result (appliance.db.executor)."""

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """fn(*args, **kwargs) on the db thread."""
        ...


class OpenStore(Protocol):
    """An open, unlocked store (appliance.db.store.Store)."""

    @property
    def executor(self) -> DbRunner:
        """Its database thread."""
        ...
