"""Field sanity for caller-ID messages: a checksum passing by chance must not make a message."""

from __future__ import annotations

NUMBER_CHARS = frozenset("0123456789+*#- ")
REASONS = frozenset("POCS")  # withheld, out of area, payphone (NTT/ETSI), service (NTT)
MAX_NUMBER = 20
MAX_NAME = 50


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # no year is sent: Feb 29 may be


def is_datetime(value: str) -> bool:
    """MMDDhhmm with a real month, a day that month has, an hour and a minute."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    month, day, hour, minute = (int(value[i : i + 2]) for i in (0, 2, 4, 6))
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= _DAYS_IN_MONTH[month - 1] and hour <= 23 and minute <= 59


def is_number(value: str) -> bool:
    """A dialable number: 1-20 digits (with + * # - space), starting with a digit or +."""
    return (
        0 < len(value) <= MAX_NUMBER
        and set(value) <= NUMBER_CHARS
        and (value[0].isdigit() or value[0] == "+")
        and any(c.isdigit() for c in value)
    )


def is_reason(value: str) -> bool:
    """A one-letter reason for absence."""
    return len(value) == 1 and value in REASONS


def is_text(value: str) -> bool:
    """A displayable Bellcore/ETSI name: printable 7-bit ASCII, not all blank.

    Both standards send names in 7-bit characters; a byte with its top bit set is a receive
    error even when the checksum passes (two flipped top bits cancel in a modulo-256 sum).
    """
    return (
        0 < len(value) <= MAX_NAME
        and all(0x20 <= ord(c) < 0x7F for c in value)
        and not value.isspace()
    )
