"""Key hints: how keys are written, which key a browser desk is shown, rows packed whole."""

from __future__ import annotations

import pytest

from tests.tui.conftest import Box, desk_app, open_card, screen_text, until
from tui.app import DeskApp
from tui.client.keystore import Keystore
from tui.dialogs.interaction import InteractionDialog
from tui.dialogs.note import NoteDialog
from tui.screens.calllog import CallLogScreen
from tui.widgets.keyhints import KeyHints, key_text, pick_key


def test_keys_are_written_as_people_read_them() -> None:
    assert [key_text(k) for k in ("f5", "escape", "ctrl+s", "alt+n", "c", "enter")] == [
        "F5",
        "Esc",
        "^S",
        "Alt+N",
        "c",
        "Enter",
    ]


def test_a_browser_is_shown_the_alt_key_a_terminal_the_first() -> None:
    assert pick_key(["ctrl+n", "alt+n"], web=True) == "alt+n"
    assert pick_key(["ctrl+n", "alt+n"], web=False) == "ctrl+n"
    assert pick_key(["ctrl+s"], web=True) == "ctrl+s"


async def test_browser_desk_shows_and_takes_the_alt_keys(
    box: Box, keystore: Keystore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DeskApp, "is_web", property(lambda _self: True))
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        card = await open_card(app, 8)
        card.query_one(KeyHints).refresh(layout=True)
        await pilot.pause()
        text = screen_text(app)
        for hint in ("Alt+N メモ", "Alt+T 対応記録", "Alt+L 通話履歴", "Alt+J English"):
            assert hint in text, text
        assert "^N" not in text and "F5" not in text
        await pilot.press("alt+n")
        await until(lambda: isinstance(app.screen, NoteDialog))
        await pilot.press("escape")
        await until(lambda: app.screen is card)
        await pilot.press("alt+t")
        await until(lambda: isinstance(app.screen, InteractionDialog))
        await pilot.press("escape")
        await until(lambda: app.screen is card)
        await pilot.press("alt+l")
        await until(lambda: isinstance(app.screen, CallLogScreen))
