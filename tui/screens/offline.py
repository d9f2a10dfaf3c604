"""F9: customers from the desk replica, read-only, while the box is unreachable."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from tui.i18n import t
from tui.keys import key
from tui.offline import REFUSED, card_lines, replica_of, session_key
from tui.screens.base import DeskScreen


class OfflineScreen(DeskScreen):
    """A banner, a search box and the matching cards, all from the replica; edits refused."""

    BINDINGS = [key("escape", "back", "key.close"),  # noqa: RUF012
                key("ctrl+n", "edit", "key.note")]  # fmt: skip

    def body(self) -> ComposeResult:
        """Banner, query, cards."""
        yield Label("", id="offline-banner", classes="heading")
        yield Input(placeholder=t("offline.query"), id="offline-query")
        yield Static("", id="offline-cards")

    def on_mount(self) -> None:
        """First customers at once."""
        super().on_mount()
        self.look_up("")

    @on(Input.Changed, "#offline-query")
    def changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        self.look_up(event.value)

    @work(exclusive=True, group="offline")
    async def look_up(self, query: str) -> None:
        """Read the replica on a thread; show what it holds."""
        banner, lines = await asyncio.to_thread(self._read, query)
        self.query_one("#offline-banner", Label).update(banner)
        self.query_one("#offline-cards", Static).update("\n".join(lines))

    def _read(self, query: str) -> tuple[str, list[str]]:
        api = self.desk.api
        key = session_key(self.desk.keystore, api.replica_key if api is not None else None)
        if key is None:  # logged in with a remembered token: the password never came by
            return t("replica_key.no_session_key"), []
        replica = replica_of(self.desk.keystore, key)
        try:
            if not replica.complete:
                return t("offline.none"), []
            cards: list[dict[str, Any]] = [
                c for c in (replica.card(int(r["id"])) for r in replica.customers(query, 20))
                if c is not None
            ]  # fmt: skip
            banner = t("offline.banner", synced=replica.meta("synced_at", "?")[:19])
            return banner, [line for c in cards for line in [*card_lines(c), ""]]
        finally:
            replica.close()

    def action_edit(self) -> None:
        """Edits need the box: refused, nothing lost."""
        self.notify(REFUSED, severity="warning")

    def action_back(self) -> None:
        """Escape."""
        self.dismiss(None)
