"""Input cleanup applied to every stored text field: NFKC and trimmed whitespace."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u3000]+")


def clean(text: str | None) -> str:
    """NFKC (full-width ASCII → ASCII, half-width kana → full-width), runs of spaces → one."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def clean_multiline(text: str | None) -> str:
    """Like clean(), but keeps line breaks (notes, delivery instructions)."""
    if not text:
        return ""
    lines = (clean(line) for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(lines).strip()
