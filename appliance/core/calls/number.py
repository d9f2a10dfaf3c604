"""A caller's number, parsed once per call and carried to the lookup, the row and the pop."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.core.errors import InvalidInput
from appliance.core.normalize import display_phone, lookup_keys, parse_phone


@dataclass(frozen=True)
class CallNumber:
    """The number as the line sent it ("" when none), its stored forms and how desks show it."""

    sent: str
    e164: str | None
    national: str
    display: str | None
    keys: tuple[str, ...]  # what a customer's or the block list's number may match


def parse_caller(sent: str | None, region: str) -> CallNumber:
    """Parse the number a line sent; text that is no phone number keeps its digits, matches
    nothing and shows as sent."""
    if not sent:
        return CallNumber("", None, "", None, ())
    try:
        parts = parse_phone(sent, region)
    except InvalidInput:
        return CallNumber(sent, None, "".join(ch for ch in sent if ch.isdigit()), sent, ())
    display = display_phone(parts.e164, region) if parts.e164 else sent
    return CallNumber(sent, parts.e164, parts.national, display, tuple(lookup_keys(parts)))
