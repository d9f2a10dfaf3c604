"""The block list: numbers whose calls are flagged; add, remove (soft) and check."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.normalize import parse_phone, phone_lookup_keys
from appliance.core.settings import default_region
from appliance.core.text import clean_multiline
from appliance.db.models import BlockList


def block_number(actor: Actor, number: str, reason: str = "") -> BlockList:
    """Add a number (any form the line may send it in will match)."""
    parts = parse_phone(number, default_region())
    if is_blocked(number):
        raise Conflict(f"既に登録済みです / {number} is already blocked")
    return editing.create(
        actor,
        BlockList,
        e164=parts.e164,
        national=parts.national,
        reason=clean_multiline(reason),
    )


def unblock(actor: Actor, entry_id: int, expected_version: int) -> BlockList:
    """Remove an entry (restore with editing.restore)."""
    return editing.soft_delete(actor, BlockList, entry_id, expected_version)


def is_blocked(number: str, region: str | None = None) -> bool:
    """True when the number matches a live entry by E.164 or national digits (never for text
    that cannot be a number)."""
    try:
        keys = phone_lookup_keys(number, region or default_region())
    except InvalidInput:
        return False
    return blocked_by_keys(keys)


def blocked_by_keys(keys: Sequence[str]) -> bool:
    """is_blocked for a number already parsed (normalize.lookup_keys)."""
    found = BlockList._meta.database.execute_sql(_check_sql(len(keys)), (*keys, *keys))
    return found.fetchone() is not None


@lru_cache(maxsize=8)
def _check_sql(n_keys: int) -> str:
    # written once per key count: every call's pop asks, and building it was most of the cost
    marks = ", ".join("?" * n_keys) if n_keys else "NULL"
    return (
        f'SELECT 1 FROM "{BlockList._meta.table_name}" WHERE (national IN ({marks}) '
        f"OR e164 IN ({marks})) AND deleted_at IS NULL LIMIT 1"
    )
