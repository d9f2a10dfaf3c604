"""A browser desk's call notification: the desk writes the terminal notify sequence
(ESC ] 777 ; notify ; title ; body BEL) into its output, which the served page turns into a
browser notification and a beep when its tab is in the background (serve_page)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from appliance.contract import PopOut
from tui.format import pop_line
from tui.i18n import t


def _clean(text: str) -> str:
    """Printable characters only (no ESC or BEL to end the sequence early); ';' separates."""
    return "".join(ch if ch.isprintable() and ch != ";" else " " for ch in text).strip()


def notify_sequence(title: str, body: str) -> str:
    """The notify sequence for a title and a body."""
    return f"\x1b]777;notify;{_clean(title)};{_clean(body)}\x07"


def alert_call(app: App[Any], pop: PopOut) -> None:
    """In a browser desk, tell the page a call arrived (a terminal desk rings its bell only)."""
    driver = app._driver  # Textual writes its frames here; the sequence goes between two
    if driver is not None and app.is_web:
        driver.write(notify_sequence(f"Ringdesk — {t('pop.notify')}", pop_line(pop)))
