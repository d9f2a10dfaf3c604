"""The box words its refusals in both languages ("日本語 / English"); a desk screen shows one."""

from __future__ import annotations

from tui.i18n import language


def in_language(detail: str) -> str:
    """The half of a "日本語 / English" message in the desk's language (as is when not split)."""
    ja, sep, en = detail.partition(" / ")
    if not sep:
        return detail
    return ja.strip() if language() == "ja" else en.strip()
