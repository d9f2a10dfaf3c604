"""The rank badge in one language at a time, on the pop card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from rich.console import Console

from appliance.contract import PopCustomerOut
from tui.i18n import language, set_language
from tui.widgets.popcard import customer_card
from tui.widgets.rank_badge import rank_badge


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


def _text(renderable: object) -> str:
    console = Console(width=80, record=True)
    console.print(renderable)
    return console.export_text()


def test_badge_words(restore_language: None) -> None:
    set_language("ja")
    assert rank_badge("A", "545").plain == " ランクA   RFM 545  "
    set_language("en")
    assert rank_badge("B", None).plain == " Rank B  "
    assert rank_badge(None, None).plain == ""


def test_pop_card_shows_the_badge(restore_language: None) -> None:
    set_language("en")
    c = PopCustomerOut(
        customer_id=7,
        display_name="Emily Johnson",
        rank="A",
        rfm="455",
        last_call_at=dt.datetime(2026, 11, 29, 9),
    )
    shown = _text(customer_card(c))
    assert "Rank A" in shown and "RFM 455" in shown and "ランク" not in shown
