"""The desk app keeps its replica while logged in; with the box gone, F9 shows customers from
it read-only, searched as typed, and an edit is refused with a message."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import PASSWORD, Box, desk_app, screen_text, until
from tui.app import DeskOptions, build_app
from tui.client.keystore import Keystore
from tui.i18n import set_language
from tui.replica.offline import REFUSED, replica_of
from tui.screens.offline import OfflineScreen


def _replica_ready(keystore: Keystore, key: bytes | None) -> bool:
    if key is None or not (keystore.root / "replica.db").exists():
        return False
    replica = replica_of(keystore, key)
    try:
        return replica.complete
    finally:
        replica.close()


def _a_customer(keystore: Keystore, key: bytes) -> str:
    replica = replica_of(keystore, key)
    try:
        return str(replica.customers()[0]["display_name"])
    finally:
        replica.close()


async def test_box_gone_f9_shows_customers_read_only(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        assert app.api is not None
        await until(
            lambda: app.api is not None and _replica_ready(keystore, app.api.replica_key), 60
        )
        assert app.api.replica_key is not None  # unwrapped by the password login, in memory
        name = _a_customer(keystore, app.api.replica_key)
        await box.server.stop()
        await until(lambda: not app.state.connected)
        await pilot.press("f9")
        await until(lambda: isinstance(app.screen, OfflineScreen))
        await until(lambda: "読み取り専用" in screen_text(app), show=lambda: screen_text(app))
        await until(lambda: name in screen_text(app), show=lambda: screen_text(app))
        await pilot.press(*name.split()[0])
        await until(lambda: name in screen_text(app), show=lambda: screen_text(app))
        await pilot.press("ctrl+n")
        await until(
            lambda: any(n.message == REFUSED for n in app._notifications),
            show=lambda: list(app._notifications),
        )
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, OfflineScreen))
        assert any(w.group == "replica" and not w.is_finished for w in app.workers)
        app.action_logout()  # the box is gone: logged out on this desk only
        await until(lambda: app.api is not None and app.api.replica_key is None)
        # the follower (which held the key and an open replica) stopped with the session
        await until(
            lambda: not any(w.group == "replica" and not w.is_finished for w in app.workers)
        )
        await until(lambda: type(app.screen).__name__ == "LoginScreen")
        await pilot.pause()


async def test_a_desk_started_with_the_box_down_opens_its_replica_with_a_password(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore, lang="en") as (app, _):
        await until(
            lambda: app.api is not None and _replica_ready(keystore, app.api.replica_key), 60
        )
        assert app.api is not None and app.api.replica_key is not None
        name = _a_customer(keystore, app.api.replica_key)
    await box.server.stop()
    later = build_app(keystore, DeskOptions(backoff_s=0.05, backoff_max_s=0.2), lang="en")
    async with later.run_test(size=(140, 45)) as pilot:  # a remembered token, no box
        await pilot.pause()
        await pilot.press("f9")
        await until(lambda: isinstance(later.screen, OfflineScreen))
        screen = later.screen
        await until(
            lambda: "enter the password" in screen_text(later), show=lambda: screen_text(later)
        )
        screen.query_one("#offline-user", Input).value = "tanaka"
        screen.query_one("#offline-password", Input).value = "not-her-password"
        screen.query_one("#offline-password", Input).focus()
        await pilot.press("enter")
        await until(lambda: "wrong password" in screen_text(later), show=lambda: screen_text(later))
        assert name not in screen_text(later)
        screen.query_one("#offline-password", Input).value = PASSWORD
        await pilot.press("enter")
        await until(lambda: name in screen_text(later), show=lambda: screen_text(later))
        assert "read-only" in screen_text(later)
    set_language("ja")
