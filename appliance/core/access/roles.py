"""The three roles in order, and what each may read of the replicated tables."""

from __future__ import annotations

RANK = {"operator": 1, "manager": 2, "admin": 3}

# Tables whose rows only an admin reads (GET /users, /desks, /settings are admin routes; the
# audit log names who did what). Every other replicated table is read by any logged-in role.
ADMIN_TABLES = frozenset({"audit_log", "desk", "role", "setting", "user"})
AUDIT_MARK = ("id", "at")  # what a non-admin's replica keeps of an audit row: where it stands


def at_least(role: str, wanted: str) -> bool:
    """True when `role` ranks at or above `wanted` (unknown roles rank below everyone)."""
    return RANK.get(role, 0) >= RANK[wanted]


def may_read_table(role: str, table: str) -> bool:
    """True when `role` may read the rows of the replicated `table`."""
    return table not in ADMIN_TABLES or at_least(role, "admin")
