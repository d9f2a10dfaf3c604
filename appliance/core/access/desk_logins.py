"""Failed logins counted per desk as well as per user: one desk trying many user names is
slowed down however the names are spread."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

DESK_FAILURES = 20  # failed logins from one desk within WINDOW_S before it must wait
WINDOW_S = 600.0
TOO_MANY = (
    "このデスクからのログイン失敗が多すぎます。しばらく待ってください / "
    "too many failed logins from this desk: wait a few minutes"
)


@dataclass
class DeskLogins:
    """The recent failed logins of each desk (by certificate fingerprint)."""

    limit: int = DESK_FAILURES
    window_s: float = WINDOW_S
    clock: Callable[[], float] = time.monotonic
    _failed: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, desk: str) -> deque[float]:
        times = self._failed.setdefault(desk, deque())
        while times and self.clock() - times[0] >= self.window_s:
            times.popleft()
        return times

    def allowed(self, desk: str) -> bool:
        """False while the desk has `limit` failures within the window."""
        return len(self._recent(desk)) < self.limit

    def failed(self, desk: str) -> None:
        """A login from the desk was refused."""
        self._recent(desk).append(self.clock())

    def succeeded(self, desk: str) -> None:
        """A login from the desk succeeded: its count starts again."""
        self._failed.pop(desk, None)
