"""Who is doing something: the user and desk written into every audit row."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A logged-in user at a desk, or the box itself (user_id and desk_id None)."""

    user_id: int | None
    desk_id: int | None
    name: str

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """The box acting on its own (call events, imports, maintenance)."""
        return cls(user_id=None, desk_id=None, name=name)
