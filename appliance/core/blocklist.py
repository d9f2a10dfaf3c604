"""The block list: numbers whose calls are flagged; add, remove (soft) and check."""

from __future__ import annotations

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict
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
        actor, BlockList, e164=parts.e164, national=parts.national,
        reason=clean_multiline(reason),
    )  # fmt: skip


def unblock(actor: Actor, entry_id: int, expected_version: int) -> BlockList:
    """Remove an entry (restore with editing.restore)."""
    return editing.soft_delete(actor, BlockList, entry_id, expected_version)


def is_blocked(number: str, region: str | None = None) -> bool:
    """True when the number matches a live entry by E.164 or national digits."""
    keys = phone_lookup_keys(number, region or default_region())
    cond = BlockList.national.in_(keys) | BlockList.e164.in_(keys)
    return bool(BlockList.live().where(cond).exists())
