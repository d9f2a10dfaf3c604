"""What desks see of the box's health: lock state, each line's state, warnings, and the
database integrity check that may add one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from appliance.config import BoxConfig
from appliance.core.events import EventHub

log = logging.getLogger(__name__)
LineStates = Callable[[], dict[str, tuple[str, str]]]
Warning = dict[str, Any]  # a BoxWarningOut: {"code": ..., "values": {...}}


def warning(code: str, **values: int | str) -> Warning:
    """A warning for desks, worded by each desk in its own language."""
    return {"code": code, "values": values}


class BoxHealth:
    """Status for desks; every change is a `status` event on the hub."""

    def __init__(
        self, hub: EventHub, config: BoxConfig, locked: Callable[[], bool], lines: LineStates
    ) -> None:
        self.hub, self.config, self.locked, self.lines = hub, config, locked, lines
        self.warnings: dict[str, Warning] = {}

    def status(self) -> dict[str, Any]:
        """Box health for desks: lock state, each line's source, warnings."""
        states = self.lines()
        lines = []
        for c in self.config.lines:
            state, detail = states.get(c.name, ("starting", ""))
            lines.append({"name": c.name, "state": state, "detail": detail})
        return {"locked": self.locked(), "lines": lines, "warnings": list(self.warnings.values())}

    def publish(self) -> None:
        """Tell every desk the status now (a line changed state, the box unlocked)."""
        self.hub.publish("status", self.status())

    def warn(self, source: str, what: Warning | None) -> None:
        """Set (or with None clear) the warning every desk sees from `source` (backup, disk)."""
        if self.warnings.get(source) == what:
            return
        if what is None:
            self.warnings.pop(source, None)
        else:
            self.warnings[source] = what
        self.publish()

    async def check_database(self, path: Path, key: bytes) -> None:
        """cipher_integrity_check of the whole file on a niced thread of its own (it reads
        every page: seconds on a large box, which must not slow the first pops); a warning
        for desks when pages are damaged."""
        from appliance.db.integrity import cipher_problems

        def niced() -> list[str]:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            return cipher_problems(path, key)

        with ThreadPoolExecutor(1, thread_name_prefix="integrity") as pool:
            problems = await asyncio.get_running_loop().run_in_executor(pool, niced)
        if not problems:
            log.info("database integrity check passed")
            return
        log.error("database integrity check: %d problem(s): %s", len(problems), problems[:3])
        self.warn("database", warning("database_damaged", pages=len(problems)))
