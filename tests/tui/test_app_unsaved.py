"""Closing a card or form with unsaved changes asks (save / discard / keep editing) in the
desk's language; an empty new-customer form says what is missing instead of saving nothing."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from tests.tui.conftest import Box, desk_app, open_card, screen_text, until
from tests.tui.fake_box import fake_desk_app
from tui.app import DeskApp
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.dialogs.note import NoteDialog
from tui.dialogs.unsaved import UnsavedDialog
from tui.screens.card import CustomerScreen
from tui.screens.home import HomeScreen


async def test_escape_on_an_edited_card_asks_keep_then_discard(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 8)
        before = card.card
        assert before is not None
        card.query_one("#f-occupation", Input).value = "寿司職人"
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.pause()
        text = screen_text(app)
        assert "保存していない変更があります" in text
        assert "保存して閉じる" in text and "破棄して閉じる" in text and "編集を続ける" in text
        await pilot.press("escape")  # keep editing: the card and the typing stay
        await until(lambda: app.screen is card)
        assert card.query_one("#f-occupation", Input).value == "寿司職人"
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("d")  # discard: the card closes, the box is not told
        await until(lambda: isinstance(app.screen, HomeScreen))
    async with DeskApi(keystore) as api:
        assert (await api.customer(8)).occupation == before.occupation


async def test_save_and_close_sends_the_edit_then_leaves(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        card = await open_card(app, 9)
        card.query_one("#f-interests", Input).value = "fishing"
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.pause()
        assert "You have unsaved changes" in screen_text(app)
        await pilot.press("s")
        await until(lambda: isinstance(app.screen, HomeScreen))
    async with DeskApi(keystore) as api:
        assert (await api.customer(9)).interests == "fishing"


async def test_unchanged_card_closes_at_once_and_f1_asks_on_the_way_home(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await open_card(app, 10)
        await pilot.press("escape")  # nothing typed: no question
        await until(lambda: isinstance(app.screen, HomeScreen))
        card = await open_card(app, 10)
        await pilot.press("ctrl+s")  # nothing to send: it says so
        await until(
            lambda: notified(app, "変更はありません"), show=lambda: list(app._notifications)
        )
        card.query_one("#f-title", Input).value = "店長"
        await pilot.press("f4")  # the board over the card, then F1 home from there
        await pilot.pause()
        await pilot.press("f1")
        await until(lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("d")
        await until(lambda: isinstance(app.screen, HomeScreen))


async def test_empty_new_customer_form_says_a_name_is_needed(keystore: Keystore) -> None:
    async with fake_desk_app(keystore) as (app, pilot, box):
        app.new_customer("03-3555-1234")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.ready)
        await pilot.press("ctrl+s")
        await until(lambda: notified(app, "氏名を入力してください"))
        assert not any(path == "/customers" for _m, path, _b in box.requests)
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.query_one("#f-display_name", Input).has_focus
        await pilot.press("escape")  # only the caller's number in it: closes without asking
        await until(lambda: isinstance(app.screen, HomeScreen))
        app.new_customer("03-3555-1234")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.ready)
        await pilot.press(*"yamada")
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, UnsavedDialog))


async def test_a_written_note_is_not_dropped_by_escape(keystore: Keystore) -> None:
    async with fake_desk_app(keystore, lang="en") as (app, pilot, _box):
        app.push_screen(NoteDialog(app.clock()))
        await until(lambda: isinstance(app.screen, NoteDialog) and app.screen.ready)
        note = app.screen
        note.query_one("#body", TextArea).text = "wants the usual"
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("escape")
        await until(lambda: app.screen is note)
        assert note.query_one("#body", TextArea).text == "wants the usual"


def notified(app: DeskApp, words: str) -> bool:
    """A notification with these words is showing."""
    return any(words in n.message for n in app._notifications)
