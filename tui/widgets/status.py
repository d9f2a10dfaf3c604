"""The status line: link to the box, who is logged in, which box."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widgets import Static

from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import DeskApp


class StatusLine(Static):
    """One line at the bottom of every screen; follows the app's link_text."""

    def on_mount(self) -> None:
        """Follow the link state."""
        self.watch(self.app, "link_text", self._show, init=True)

    def _show(self, link: str) -> None:
        app = cast("DeskApp", self.app)
        user = app.state.user.username if app.state.user else "—"
        box = app.keystore.box()
        parts = [link, user, box.name if box else "—"]
        if app.state.box_locked:
            parts.append(t("box.locked"))
        self.set_class(not app.state.connected, "down")
        self.update("  ·  ".join(parts))
