"""Every screen at 80x24 and at 200x50: key hints all drawn (Esc and F7 on the card), the
card's caution, flags and address above its fields, history wrapped not cut, amounts and
states in the desk's language, search results with formatted numbers and flags."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable

from tests.tui.conftest import Box, desk_app, open_card, screen_text, seeded_call, until
from tui.app import DeskApp
from tui.client.keystore import Keystore
from tui.dialogs.fulltext import FullTextDialog
from tui.dialogs.pop import PopDialog
from tui.dialogs.search import SearchDialog
from tui.i18n import Lang
from tui.screens.board import BoardScreen
from tui.screens.calllog import CallLogScreen
from tui.screens.segments import SegmentsScreen
from tui.widgets.keyhints import KeyHints

SIZES = [(80, 24), (200, 50)]
LONG_NOTE = " ".join(f"word{n:02d}" for n in range(1, 31))  # 209 characters: the card cuts it


def _hints_all_drawn(app: DeskApp) -> None:
    """The screen's key hints lie inside the screen and each one is drawn whole."""
    screen = app.screen
    hints = screen.query_one(KeyHints)
    assert Region(0, 0, *app.size).contains_region(hints.region), (hints.region, app.size)
    text = screen_text(app)
    for key, description, _enabled in hints.hints():
        assert f"{key} {description}" in text, f"{type(screen).__name__}: {key} {description}"


async def _shown(app: DeskApp, kind: type[Screen[object]]) -> None:
    await until(lambda: isinstance(app.screen, kind) and getattr(app.screen, "ready", True))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_screen_draws_all_its_key_hints(
    box: Box, keystore: Keystore, size: tuple[int, int], lang: Lang
) -> None:
    async with desk_app(box, keystore, size=size, lang=lang, user="smith") as (app, pilot):
        _hints_all_drawn(app)  # home
        await open_card(app, 8)
        await pilot.pause()
        _hints_all_drawn(app)
        text = screen_text(app)
        assert ("Esc 閉じる" if lang == "ja" else "Esc Close") in text
        assert ("F7 English" if lang == "ja" else "F7 日本語") in text
        for key, kind in (("f4", BoardScreen), ("f5", CallLogScreen), ("f6", SegmentsScreen)):
            await pilot.press("escape")
            await pilot.press(key)
            await _shown(app, kind)
            await pilot.pause()
            _hints_all_drawn(app)
        await pilot.press("escape")
        await seeded_call(box)
        await _shown(app, PopDialog)
        await pilot.pause()
        _hints_all_drawn(app)


def _dress_up(customer_id: int) -> None:
    """A caution, a block, an allergy note, a long note and an address (db thread)."""
    from appliance.core.actor import Actor
    from appliance.core.contacts import add_address
    from appliance.core.notes import add_note
    from appliance.db.models import Customer

    Customer.update(caution=True, blocked=True, caution_note="えびアレルギー").where(
        Customer.id == customer_id
    ).execute()
    actor = Actor(None, None, "田中")
    add_address(
        actor,
        customer_id,
        country="JP",
        postal_code="160-0023",
        prefecture="東京都",
        city="新宿区",
        line1="西新宿2-8-1",
    )
    add_note(actor, customer_id, LONG_NOTE)


@pytest.mark.parametrize("size", SIZES)
async def test_card_shows_caution_flags_address_and_whole_history(
    box: Box, keystore: Keystore, size: tuple[int, int]
) -> None:
    await box.store.executor.run(_dress_up, 8)
    async with desk_app(box, keystore, size=size) as (app, pilot):
        card = await open_card(app, 8)
        await pilot.pause(0.2)
        text = screen_text(app)
        # above the nine fields, without scrolling: caution note, flags whole, the address
        assert "えびアレルギー" in text and "要注意" in text and "着信拒否" in text, text
        assert "〒160-0023 東京都新宿区西新宿2-8-1" in text, text
        profile = card.query_one("#profile").region
        for part in ("#head", "#contacts", "#flag-row"):
            assert profile.contains_region(card.query_one(part).region), part
        assert card.query_one("#head").region.y < card.query_one("#profile-grid").region.y
        # the long note wraps in the history: all the card holds of it is on screen, its
        # cut marked; Enter on it shows the whole note
        shown = LONG_NOTE[:199].split()[:-1]
        assert [w for w in shown if w not in text] == [] and "…" in text, text
        table = card.query_one("#timeline", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, FullTextDialog))
        await pilot.pause(0.2)
        assert app.screen.text == LONG_NOTE  # type: ignore[attr-defined]
        assert "word30" in screen_text(app)
        await pilot.press("escape")
        await until(lambda: app.screen is card)
        # further down the history (80x24: past the note): amounts as the pop writes them,
        # the order's state in words
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "¥" in text and "完了" in text and "JPY" not in text, text
        assert "delivered" not in text and "done" not in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_search_list_shows_formatted_numbers_and_flags(
    box: Box, keystore: Keystore, size: tuple[int, int]
) -> None:
    from appliance.db.models import Customer

    def flag_first_yamada() -> str:
        row = Customer.select().where(Customer.display_name.startswith("山")).first()
        Customer.update(vip=True, caution=True).where(Customer.id == row.id).execute()
        return str(row.display_name)

    name = await box.store.executor.run(flag_first_yamada)
    async with desk_app(box, keystore, size=size) as (app, pilot):
        await pilot.press("f2")
        await _shown(app, SearchDialog)
        search = app.screen
        assert isinstance(search, SearchDialog)
        await pilot.press(*name.split()[0])
        await until(lambda: any(c.display_name == name for c in search.found))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "[VIP] [要注意]" in text, text
        phones = [c.phone for c in search.found if c.phone]
        assert phones and all("-" in p or " " in p for p in phones), phones
        assert phones[0] in text


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_board_states_in_the_desks_language(box: Box, keystore: Keystore, lang: Lang) -> None:
    async with desk_app(box, keystore, size=(80, 24), lang=lang) as (app, pilot):
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, BoardScreen) and bool(app.screen.tasks))
        await pilot.pause(0.2)
        text = screen_text(app)
        if lang == "ja":
            assert "未完了" in text and " open " not in text, text
        else:
            assert "open" in text and "未完了" not in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_first_run_pairing_form_fits_or_scrolls_to_what_is_focused(
    keystore: Keystore, size: tuple[int, int]
) -> None:
    from textual.widgets import Button

    from tui.app import build_app
    from tui.screens.connect import ConnectScreen

    app = build_app(keystore, lang="ja")  # not paired: the connect screen
    async with app.run_test(size=size) as pilot:
        await until(lambda: isinstance(app.screen, ConnectScreen) and app.screen.ready)
        screen = app.screen
        shown = Region(0, 0, *app.size)
        for part in ("#code", "#desk-name"):
            assert shown.contains_region(screen.query_one(part).region), part
        screen.query_one("#pair", Button).focus()
        await pilot.pause(0.3)
        assert shown.contains_region(screen.query_one("#pair", Button).region)
        _hints_all_drawn(app)
