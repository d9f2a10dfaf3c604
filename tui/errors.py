"""What the desk's API client raises; every message is fit to show (Japanese / English)."""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """Base of the client's errors."""


class BoxUnreachableError(DeskError):
    """The box did not answer (network down, box restarting, wrong address)."""


class ApiError(DeskError):
    """The box answered with an error `Problem`."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class NotLoggedInError(ApiError):
    """401: no session, or it ran out; log in again."""


class StaleEditError(ApiError):
    """409 on an edit: someone changed the row first; `current` is the row as it is now."""

    def __init__(self, detail: str, current: dict[str, Any]) -> None:
        super().__init__(409, detail)
        self.current = current
