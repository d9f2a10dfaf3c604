"""The desk as a browser desk runs it (is_web): a call tells the page to notify, marks are
words (no emoji font needed), and a new browser desk is named by its user."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import Input, Label

from appliance.contract import PopCustomerOut, PopNoteOut, PopOut
from tests.tui.conftest import screen_text, until
from tests.tui.fake_box import fake_desk_app
from tui.app import DeskApp, build_app
from tui.browser import notify_sequence
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog
from tui.screens.connect import ConnectScreen


def test_notify_sequence_cannot_be_ended_early_by_what_it_carries() -> None:
    seq = notify_sequence("Ringdesk", "佐藤\x07 花子;\x1b[2J 03-1234")
    assert seq == "\x1b]777;notify;Ringdesk;佐藤  花子  [2J 03-1234\x07"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DeskApp, "is_web", property(lambda _self: True))


def _pop() -> dict[str, Any]:
    card = PopCustomerOut(
        customer_id=7,
        display_name="佐藤 花子",
        call_count=3,
        pinned_notes=[PopNoteOut(body="ワサビ抜き", author="田中", at=dt.datetime.now(dt.UTC))],
    )
    pop = PopOut(
        call_id=501,
        line="1",
        at=dt.datetime.now(dt.UTC),
        number="0335551234",
        number_display="03-3555-1234",
        customers=[card],
    )
    return pop.model_dump(mode="json")


@pytest.mark.usefixtures("web")
async def test_a_call_tells_the_browser_page_and_marks_are_words(keystore: Keystore) -> None:
    async with fake_desk_app(keystore) as (app, _pilot, box):
        assert app._driver is not None
        written: list[str] = []
        write = app._driver.write
        app._driver.write = lambda data: (written.append(data), write(data))[1]  # type: ignore[method-assign]
        box.publish("pop", _pop())
        await until(lambda: isinstance(app.screen, PopDialog))
        await until(lambda: "ワサビ抜き" in screen_text(app))
        notes = [w for w in written if w.startswith("\x1b]777;notify;")]
        assert len(notes) == 1 and "佐藤 花子" in notes[0] and "03-3555-1234" in notes[0]
        text = screen_text(app)
        assert "[固定] ワサビ抜き" in text and "📌" not in text


@pytest.mark.usefixtures("web")
async def test_a_new_browser_desk_must_be_named_by_its_user(keystore: Keystore) -> None:
    app = build_app(keystore)  # not paired: the connect screen
    async with app.run_test(size=(100, 40)) as pilot:
        await until(lambda: isinstance(app.screen, ConnectScreen))
        connect = app.screen
        assert connect.query_one("#desk-name", Input).value == ""  # not the server's name
        connect.query_one("#address", Input).value = "127.0.0.1:9"
        connect.query_one("#code", Input).value = "1234 5678"
        connect.query_one("#desk-name", Input).focus()
        await pilot.press("enter")
        await until(lambda: "名前を入力" in str(connect.query_one("#pair-error", Label).content))
        assert connect.query_one("#desk-name", Input).has_focus
