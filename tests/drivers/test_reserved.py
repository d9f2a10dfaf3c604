"""Reserved words in number and name fields are reason codes, never numbers or names."""

from __future__ import annotations

import pytest

from drivers.base import Reason
from drivers.reserved import name_field, number_field, reason_word


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("NO-NUMBER", Reason.OUT_OF_AREA),
        ("-", Reason.WITHHELD),
        ("PRIVATE", Reason.WITHHELD),
        ("Anonymous", Reason.WITHHELD),
        ("OUT-OF-AREA", Reason.OUT_OF_AREA),
        ("out of  area", Reason.OUT_OF_AREA),
        ("UNAVAILABLE", Reason.OUT_OF_AREA),
        ("P", Reason.WITHHELD),
        ("O", Reason.OUT_OF_AREA),
        ("C", Reason.PAYPHONE),
        ("PAYPHONE", Reason.PAYPHONE),
        ("S", Reason.SERVICE),
        ("E", Reason.ERROR),
    ],
)
def test_reserved_number_words_are_reasons(value: str, reason: Reason) -> None:
    assert number_field(value) == (None, reason)
    assert number_field(f"  {value} ") == (None, reason)
    assert reason_word(value) is reason


def test_numbers_and_empty() -> None:
    assert number_field(" 0399997704 ") == ("0399997704", None)
    assert number_field("") == (None, None)


def test_no_name_words_are_no_name_and_reason_words_are_reasons() -> None:
    for word in ("NO NAME", "no name", "NONAME", "-", ""):
        assert name_field(word) == (None, None)
    assert name_field("PRIVATE") == (None, Reason.WITHHELD)
    assert name_field("OUT-OF-AREA") == (None, Reason.OUT_OF_AREA)
    assert name_field("SUZUKI ICHIRO") == ("SUZUKI ICHIRO", None)
