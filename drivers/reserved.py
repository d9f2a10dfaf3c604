"""Reserved words that input protocols put where a number or a name would be: reason codes.

NCID, modems, caller-ID boxes and Whozz Calling units write words such as `NO-NUMBER`, `-`,
`PRIVATE` or `O` in the number field; they are reasons the number is absent, never a number.
"""

from __future__ import annotations

from drivers.base import Reason

# compared case-folded, spaces squeezed
_NUMBER_WORDS: dict[str, Reason] = {
    "p": Reason.WITHHELD,
    "private": Reason.WITHHELD,
    "private number": Reason.WITHHELD,
    "withheld": Reason.WITHHELD,
    "restricted": Reason.WITHHELD,
    "anonymous": Reason.WITHHELD,
    "blocked": Reason.WITHHELD,
    "-": Reason.WITHHELD,  # NCID: "do not display"
    "o": Reason.OUT_OF_AREA,
    "unavailable": Reason.OUT_OF_AREA,
    "out-of-area": Reason.OUT_OF_AREA,
    "out of area": Reason.OUT_OF_AREA,
    "no-number": Reason.OUT_OF_AREA,  # NCID: a call with a name and no number
    "no number": Reason.OUT_OF_AREA,
    "unknown": Reason.OUT_OF_AREA,
    "unknown caller": Reason.OUT_OF_AREA,
    "-unknown caller-": Reason.OUT_OF_AREA,
    "c": Reason.PAYPHONE,
    "payphone": Reason.PAYPHONE,
    "s": Reason.SERVICE,
    "e": Reason.ERROR,
    "error": Reason.ERROR,
}
# words that only say "no name was sent"
_NO_NAME = {"-", "no name", "noname", "no caller id", "no-name"}


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def number_field(value: str) -> tuple[str | None, Reason | None]:
    """(number, None) for a number; (None, reason) for a reserved word; (None, None) if empty."""
    v = value.strip()
    if not v:
        return None, None
    reason = _NUMBER_WORDS.get(_key(v))
    return (None, reason) if reason is not None else (v, None)


def name_field(value: str) -> tuple[str | None, Reason | None]:
    """(name, None) for a name; (None, reason) for a reason word; (None, None) for no name."""
    v = value.strip()
    key = _key(v)
    if not v or key in _NO_NAME:
        return None, None
    reason = _NUMBER_WORDS.get(key)
    if reason is not None:
        return None, reason
    return v, None


def reason_word(value: str) -> Reason | None:
    """The reason a reserved word stands for, or None."""
    return _NUMBER_WORDS.get(_key(value))
