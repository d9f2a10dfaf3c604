"""Repeated log lines are rate-limited: a flood of one failure must not fill the disk."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

MAX_KINDS = 1024  # distinct lines tracked; beyond it the oldest windows are forgotten


class RepeatFilter(logging.Filter):
    """Per kind of line (logger, level, first line of the message template): at most `burst`
    records in each `window_s`; the first one let through after drops says how many."""

    def __init__(
        self, burst: int = 5, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.burst, self.window_s, self.clock = burst, window_s, clock
        self._seen: dict[tuple[str, int, str], list[float]] = {}  # kind -> [start, sent, dropped]

    def filter(self, record: logging.LogRecord) -> bool:
        """True to let the record through."""
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        kind = (record.name, record.levelno, template.split("\n", 1)[0][:120])
        now = self.clock()
        seen = self._seen.get(kind)
        if seen is None or now - seen[0] >= self.window_s:
            dropped = int(seen[2]) if seen is not None else 0
            if len(self._seen) >= MAX_KINDS:
                self._seen.pop(next(iter(self._seen)))
            self._seen[kind] = [now, 1, 0]
            if dropped:
                record.msg = f"{template} [{dropped} more like this were not logged]"
            return True
        if seen[1] < self.burst:
            seen[1] += 1
            return True
        seen[2] += 1
        return False


def throttle_logs(burst: int = 5, window_s: float = 60.0) -> None:
    """Put a RepeatFilter on every handler of the root logger (call after configuring it)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RepeatFilter(burst, window_s))
