"""The desk app keeps its replica while logged in; with the box gone, F9 shows customers from
it read-only, searched as typed, and an edit is refused with a message."""

from __future__ import annotations

from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.keystore import Keystore
from tui.offline import REFUSED, replica_of
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
        await until(lambda: app.api is not None and _replica_ready(keystore, app.api.replica_key),
                    60)  # fmt: skip
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
        await until(lambda: any(n.message == REFUSED for n in app._notifications),
                    show=lambda: list(app._notifications))  # fmt: skip
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, OfflineScreen))
        app.action_logout()  # the box is gone: logged out on this desk only
        await until(lambda: app.api is not None and app.api.replica_key is None)
        await until(lambda: type(app.screen).__name__ == "LoginScreen")
        await pilot.pause()
