"""The desk's words for business cards: the exchange on the pop, the scan dialog and its form."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "bizcard.exchanged": ("名刺交換 {on} {where}", "Cards exchanged {on} {where}"),
}
