"""The pop card says when and where business cards were exchanged, in one language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from rich.console import Console

from appliance.contract import PopCustomerOut
from tui.i18n import language, set_language
from tui.widgets.popcard import customer_card


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


def _text(renderable: object) -> str:
    console = Console(width=80, record=True)
    console.print(renderable)
    return console.export_text()


def test_exchange_on_the_pop(restore_language: None) -> None:
    c = PopCustomerOut(
        customer_id=3,
        display_name="中村 翔太",
        card_exchanged_on=dt.date(2026, 10, 12),
        card_exchanged_where="展示会",
    )
    set_language("ja")
    assert "名刺交換 2026-10-12 展示会" in _text(customer_card(c))
    set_language("en")
    shown = _text(customer_card(c))
    assert "Cards exchanged 2026-10-12 展示会" in shown and "名刺交換" not in shown
    bare = PopCustomerOut(customer_id=4, display_name="Emily Johnson")
    assert "exchanged" not in _text(customer_card(bare))
