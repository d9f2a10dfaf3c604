"""The key hints at the foot of a screen: every shown key, wrapped onto as many rows as the
width needs (Textual's footer is one row and cuts what does not fit), each one clickable."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget

from tui.i18n import t

GAP = 2  # cells between two hints


def key_text(key: str) -> str:
    """A key as the hints show it: F5, Esc, Enter, ^S, Alt+N, or the letter."""
    parts = key.split("+")
    name = parts[-1]
    name = {"escape": "Esc", "enter": "Enter", "delete": "Del"}.get(name, name)
    if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        name = name.upper()
    mods = parts[:-1]
    if mods == ["ctrl"]:
        return f"^{name.upper()}"
    return "+".join([m.capitalize() for m in mods] + [name.upper() if mods else name])


def pick_key(keys: list[str], web: bool) -> str:
    """The key to show for an action bound to several: in a browser the Alt+ alternative
    (the browser keeps Ctrl+N, Ctrl+T and most F keys for itself), else the first."""
    if web:
        for k in keys:
            if k.startswith("alt+"):
                return k
    return keys[0]


class KeyHints(Widget):
    """Wrapped key hints for the screen it is on (height: the rows the width needs)."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: auto;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
        link-style: bold not underline;  /* the keys are the clickable part */
        link-color: $footer-key-foreground;
        link-background: $footer-key-background;
    }
    KeyHints > .keyhints--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        """Follow the screen's bindings (focus, screen and language changes)."""
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen: object) -> None:
        self.refresh(layout=True)

    def hints(self) -> list[tuple[str, str, bool]]:
        """(key to show, description, enabled) for each shown action, the screen's first."""
        keys: dict[str, list[str]] = {}
        shown: dict[str, tuple[Binding, bool]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show:
                continue
            keys.setdefault(binding.action, []).append(key)
            shown.setdefault(binding.action, (binding, active.enabled))
        web = self.app.is_web
        out = [
            (key_text(pick_key(keys[action], web)), binding.description, enabled)
            for action, (binding, enabled) in shown.items()
        ]
        if self.app.ENABLE_COMMAND_PALETTE:
            out.append((key_text("ctrl+p"), t("key.palette"), True))
        return out

    def rows(self, width: int) -> list[list[tuple[str, str, bool]]]:
        """Hints packed into rows of at most `width` cells (a hint is never split)."""
        rows: list[list[tuple[str, str, bool]]] = [[]]
        used = 0
        for hint in self.hints():
            cells = cell_len(f"{hint[0]} {hint[1]}")
            if rows[-1] and used + GAP + cells > width:
                rows.append([])
                used = 0
            used += cells + (GAP if rows[-1] else 0)
            rows[-1].append(hint)
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the hints need at this width."""
        return len(self.rows(max(1, width)))

    def render(self) -> Text:
        """Key in bold, description after it; a click on the key presses it."""
        out = Text(no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("keyhints--key", partial=True)
        for n, row in enumerate(self.rows(max(1, self.content_region.width))):
            if n:
                out.append("\n")
            for i, (key, description, enabled) in enumerate(row):
                click = Style.from_meta({"@click": f"app.simulate_key({_bound(key)!r})"})
                dim = Style(dim=not enabled)
                if i:
                    out.append(" " * GAP)
                out.append(key, key_style + Style(bold=True) + dim + click)
                out.append(f" {description}", dim)
        return out

    COMPONENT_CLASSES = {"keyhints--key"}  # noqa: RUF012


def _bound(shown: str) -> str:
    """The Textual key name for a key as shown (for a click)."""
    if shown.startswith("^"):
        return f"ctrl+{shown[1:].lower()}"
    if shown == "Esc":
        return "escape"
    return shown.lower()
