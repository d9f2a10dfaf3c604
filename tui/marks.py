"""The little pictures the desk writes before a line (📌 a pinned note, ☎ a number...): in a
terminal the symbols, in a browser desk words, since a PC without an emoji font shows boxes."""

from __future__ import annotations

from tui.i18n import t

SYMBOLS = {"pin": "📌", "order": "🧾", "phone": "☎", "mail": "✉", "address": "⌂", "task": "☎"}
_words = [False]


def use_words(on: bool) -> None:
    """Write marks as words from now on (the browser desk), or as symbols."""
    _words[0] = on


def mark(name: str) -> str:
    """The mark for name: its symbol, or in a browser desk its word in the desk's language."""
    return t(f"mark.{name}") if _words[0] else SYMBOLS[name]
