"""F9: customers from the desk replica, read-only, while the box is unreachable."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from tui.i18n import t
from tui.keys import key
from tui.replica.keys import ReplicaKeyError, ReplicaKeys
from tui.replica.offline import REFUSED, card_lines, replica_of, session_key
from tui.screens.base import DeskScreen


class OfflineScreen(DeskScreen):
    """A banner, a search box and the matching cards, all from the replica; edits refused.
    Without a replica key in this session (the desk started while the box was down), it asks
    for the user's password first and opens the replica with that user's wrap."""

    BINDINGS = [  # noqa: RUF012
        key("escape", "back", "key.close"),
        key("ctrl+n", "edit", "key.note"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.key: bytes | None = None

    def body(self) -> ComposeResult:
        """Banner, the password form (when needed), query, cards."""
        yield Label("", id="offline-banner", classes="heading")
        with Horizontal(id="offline-unlock"):
            yield Input(
                self.desk.keystore.prefs().get("username", ""),
                placeholder=t("replica_key.prompt_user"),
                id="offline-user",
            )
            yield Input(
                placeholder=t("replica_key.prompt_password"), password=True, id="offline-password"
            )
        yield Input(placeholder=t("offline.query"), id="offline-query")
        yield Static("", id="offline-cards")

    def on_mount(self) -> None:
        """The session's key if it has one, then prepare()."""
        api = self.desk.api
        self.key = session_key(self.desk.keystore, api.replica_key if api is not None else None)
        super().on_mount()

    def prepare(self) -> None:
        """First customers at once, or the password form (again after a relabel)."""
        self.show_unlock(self.key is None)
        if self.key is not None:
            self.look_up(self.query_one("#offline-query", Input).value)

    def show_unlock(self, needed: bool) -> None:
        """The password form instead of the search box, or the other way round."""
        self.query_one("#offline-unlock").display = needed
        self.query_one("#offline-query").display = not needed
        if needed:
            self.query_one("#offline-banner", Label).update(t("offline.unlock"))
            self.query_one("#offline-password", Input).focus()
        else:
            self.query_one("#offline-query", Input).focus()

    @on(Input.Submitted, "#offline-user")
    def next_field(self) -> None:
        """Enter on the user name: the password."""
        self.query_one("#offline-password", Input).focus()

    @on(Input.Submitted, "#offline-password")
    def unlock(self) -> None:
        """Enter on the password: open the replica with this user's wrap."""
        user = self.query_one("#offline-user", Input).value.strip()
        password = self.query_one("#offline-password", Input).value
        self.query_one("#offline-password", Input).value = ""
        self.open_with(user, password)

    @work(exclusive=True, group="offline-unlock")
    async def open_with(self, user: str, password: str) -> None:
        """Argon2id on a thread (a second on a Pi); a wrong password says so and asks again."""
        if not user:
            self.query_one("#offline-banner", Label).update(t("replica_key.user_needed"))
            return
        try:
            self.key = await asyncio.to_thread(
                ReplicaKeys(self.desk.keystore).offline, user, password
            )
        except ReplicaKeyError as exc:
            self.query_one("#offline-banner", Label).update(str(exc))
            return
        self.show_unlock(False)
        self.look_up(self.query_one("#offline-query", Input).value)

    @on(Input.Changed, "#offline-query")
    def changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        if self.key is not None:
            self.look_up(event.value)

    @work(exclusive=True, group="offline")
    async def look_up(self, query: str) -> None:
        """Read the replica on a thread; show what it holds."""
        banner, lines = await asyncio.to_thread(self._read, query)
        self.query_one("#offline-banner", Label).update(banner)
        self.query_one("#offline-cards", Static).update("\n".join(lines))

    def _read(self, query: str) -> tuple[str, list[str]]:
        key = self.key
        assert key is not None, "looked up before the replica was opened"
        replica = replica_of(self.desk.keystore, key)
        try:
            if not replica.complete:
                return t("offline.none"), []
            cards: list[dict[str, Any]] = [
                c
                for c in (replica.card(int(r["id"])) for r in replica.customers(query, 20))
                if c is not None
            ]
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
