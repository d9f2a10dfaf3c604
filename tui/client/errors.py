"""What the desk's API client raises; every message is fit to show (Japanese / English)."""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """Base of the client's errors."""


class BoxUnreachableError(DeskError):
    """The box did not answer (network down, box restarting, wrong address)."""


class PairingFailedError(DeskError):
    """The box did not prove the code, or refused it; the message is for the operator."""


class ApiError(DeskError):
    """The box answered with an error `Problem`."""

    def __init__(self, status: int, detail: str, body: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail
        self.body: dict[str, Any] = body or {}


class NotLoggedInError(ApiError):
    """401: no session, or it ran out; log in again."""


class StaleEditError(ApiError):
    """409 on an edit: someone changed the row first; `current` is the row as it is now."""

    def __init__(self, detail: str, current: dict[str, Any]) -> None:
        super().__init__(409, detail, {"detail": detail, "current": current})
        self.current = current


class ClaimRefusedError(ApiError):
    """409 on a claim: another desk has the call (`by` says who, when the box says)."""

    def __init__(self, detail: str, body: dict[str, Any]) -> None:
        super().__init__(409, detail, body)
        self.by = body.get("user_name") or body.get("desk_name") or ""
