"""The pairing code as people type it: the box prints "2664 1672"; spaces, hyphens (an IME's
ー and full-width － too) and full-width digits all mean the same 8 digits."""

from __future__ import annotations

import re

import pytest

from tui.client.pairing import CODE_TYPING, pairing_code


@pytest.mark.parametrize(
    "typed",
    [
        "26641672",
        "2664 1672",
        " 2664 1672 ",
        "2664-1672",
        "26-64-16-72",
        "２６６４　１６７２",
        "２６６４－１６７２",
        "2664ー1672",
        "2664‐1672",
    ],
)
def test_every_form_of_the_printed_code_is_the_code(typed: str) -> None:
    assert re.fullmatch(CODE_TYPING, typed)
    assert pairing_code(typed) == "26641672"


@pytest.mark.parametrize("typed", ["2664 167a", "コード 26641672", "2664_1672", "2664.1672"])
def test_anything_else_is_not_typed_into_the_field(typed: str) -> None:
    assert re.fullmatch(CODE_TYPING, typed) is None
