"""The card's recordings tab: its table and the player screen it opens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import DataTable

from appliance.contract import RecordingOut
from tui.format import duration, local
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import DeskApp
    from tui.screens.recording import RecordingScreen

TRANSCRIPT_CELLS = 60


def recording_columns(table: DataTable[str]) -> None:
    """Columns in the current language."""
    table.add_columns(
        t("col.time"), t("col.kind"), t("col.length"), t("col.state"), t("col.transcript")
    )


def _state(item: RecordingOut) -> str:
    if item.recording:
        return t("rec.live")
    if item.transcript_state in ("queued", "running"):
        return t("rec.transcribing", percent=round(item.transcript_progress * 100))
    return item.state


def show_recordings(table: DataTable[str], items: list[RecordingOut]) -> None:
    """One row per recording, keyed by its id (newest first, as the box lists them)."""
    table.clear()
    for item in items:
        kind = t("rec.voicemail") if item.kind == "voicemail" else t("rec.call")
        text = item.transcript_text.replace("\n", " ")[:TRANSCRIPT_CELLS]
        table.add_row(
            local(item.started_at),
            kind,
            duration(item.duration_s),
            _state(item),
            text,
            key=str(item.id),
        )


def player_screen(desk: DeskApp, item: RecordingOut) -> RecordingScreen:
    """The player for item, with the desk's audio output and export folder."""
    from tui.screens.recording import RecordingScreen

    make = desk.options.audio_output
    folder = desk.options.export_dir
    return RecordingScreen(
        item,
        output=make() if make is not None else None,
        export_dir=Path(folder) if folder else None,
    )
