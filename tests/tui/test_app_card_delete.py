"""Deleting a customer at the desk and bringing it back from the undo list (Pilot, in-process
box), without a backup restore; a delete based on an old version is refused and shown."""

from __future__ import annotations

from textual.widgets import Input

from appliance.contract import CustomerPatch
from tests.tui.conftest import Box, desk_app, open_card, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.confirm_delete import DeleteDialog
from tui.screens.card import CustomerScreen
from tui.screens.trash import TrashScreen


async def test_delete_then_undo_from_the_list(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        card = await open_card(app, 16)
        assert card.card is not None
        name = card.card.display_name
        await pilot.pause()
        assert "Alt+X 顧客を削除" in screen_text(app)
        await pilot.press("alt+x")
        await until(lambda: isinstance(app.screen, DeleteDialog))
        await pilot.press("enter")  # the focus is on keep: Enter deletes nothing
        await until(lambda: app.screen is card)
        await pilot.press("alt+x")
        await until(lambda: isinstance(app.screen, DeleteDialog))
        await pilot.press("y")
        await until(lambda: not isinstance(app.screen, (CustomerScreen, DeleteDialog)))
        assert app.api is not None
        assert [c.id for c in await app.api.search(name.split()[0])].count(16) == 0
        await pilot.press("alt+u")
        await until(lambda: isinstance(app.screen, TrashScreen) and bool(app.screen.rows))
        trash = app.screen
        assert isinstance(trash, TrashScreen) and trash.rows[0].id == 16
        assert trash.rows[0].deleted_by == "田中 花子"
        await pilot.pause()
        assert name in screen_text(app)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.screen.card.id == 16 and not app.screen.card.deleted  # type: ignore[attr-defined]
        assert 16 in [c.id for c in await app.api.search(name.split()[0])]


async def test_a_delete_on_an_old_version_is_refused(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        card = await open_card(app, 17)
        assert card.card is not None and app.api is not None
        card.query_one("#f-title", Input).value = "Owner"  # mid-edit: the card does not reload
        await app.api.patch_customer(
            17, CustomerPatch(version=card.card.version, occupation="Florist")
        )
        await pilot.pause(0.3)
        await pilot.press("alt+x")
        await until(lambda: isinstance(app.screen, DeleteDialog))
        await pilot.press("y")
        await until(lambda: card.card is not None and card.card.occupation == "Florist")
        assert app.screen is card and not card.card.deleted
