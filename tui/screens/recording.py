"""One recording on the desk: the player (play/pause, seek ±5 s, speed) beside the transcript,
streamed from the box; WAV export for managers and admins."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Label, Static

from appliance.contract import RecordingOut, TranscriptOut
from tui.audio.outputs import AudioOutput, default_output
from tui.audio.player import SEEK_S, Player
from tui.client import recordings as recordings_api
from tui.client.errors import DeskError
from tui.format import duration, local
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen

EXPORT_ROLES = ("manager", "admin")
TRANSCRIPT_POLL_S = 2.0


class RecordingScreen(DeskScreen):
    """A recording's player and transcript; Escape stops playback and goes back."""

    BINDINGS = [  # noqa: RUF012
        # priority: the transcript's scroll view would take the arrows and space otherwise
        key("space", "play_pause", "key.play", priority=True),
        key("left", "back5", "key.back5", priority=True),
        key("right", "ahead5", "key.ahead5", priority=True),
        key("s", "speed", "key.speed", priority=True),
        key("ctrl+e", "export", "key.export", priority=True),
        key("escape", "back", "key.close"),
    ]

    def __init__(
        self,
        item: RecordingOut,
        *,
        output: AudioOutput | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.item = item
        self.output = output or default_output()
        self.export_dir = export_dir or Path.home() / "ringdesk-exports"
        self.transcript: TranscriptOut | None = None
        self.exported: Path | None = None
        self.player = Player(
            self._fetch, self.output, duration_s=item.duration_s, on_change=self._draw
        )

    def _fetch(self, start_s: float) -> AsyncGenerator[bytes, None]:
        return recordings_api.audio(self.api, self.item.id, start_s)

    def body(self) -> ComposeResult:
        """Player on the left, transcript on the right."""
        with Horizontal(id="recording"):
            with Vertical(id="player"):
                yield Static(id="rec-head")
                yield Static(id="rec-position")
                yield Static(id="rec-state")
            with VerticalScroll(id="transcript"):
                yield Label(t("rec.transcript"), classes="heading")
                yield Static(t("card.loading"), id="rec-text")

    def on_mount(self) -> None:
        """Draw; fetch the transcript (and keep asking while it is being made)."""
        super().on_mount()
        self._draw()
        self.load_transcript()
        self.set_interval(TRANSCRIPT_POLL_S, self._poll_transcript)

    def state_changed(self, reload: bool) -> None:
        """Redraw after a language switch or a resync."""
        self._draw()
        self._draw_transcript()

    @property
    def may_export(self) -> bool:
        """True for a manager or an admin."""
        user = self.desk.state.user
        return user is not None and user.role in EXPORT_ROLES

    # drawing ----------------------------------------------------------------------------
    def _draw(self) -> None:
        with contextlib.suppress(NoMatches):  # not composed yet, or rebuilt for a language
            self._draw_player()

    def _draw_player(self) -> None:
        p, item = self.player, self.item
        kind = t("rec.voicemail") if item.kind == "voicemail" else t("rec.call")
        head = f"{kind} · {local(item.started_at)} · {t('rec.line', line=item.line)}"
        if item.recording:
            head += f" · {t('rec.live')}"
        state = t("rec.playing") if p.playing else t("rec.ended") if p.ended else t("rec.paused")
        if p.error:
            state = f"{t('rec.failed')}: {p.error}"
        if item.problem:
            state += f"\n{item.problem}"
        self.query_one("#rec-head", Static).update(head)
        self.query_one("#rec-position", Static).update(
            f"{duration(p.position_s)} / {duration(p.duration_s)}   ×{p.speed:g}"
        )
        self.query_one("#rec-state", Static).update(state)

    def _draw_transcript(self) -> None:
        with contextlib.suppress(NoMatches):
            self._show_transcript()

    def _show_transcript(self) -> None:
        tr = self.transcript
        if tr is None:
            return
        if tr.state == "done":
            text = tr.text or t("rec.no_words")
        elif tr.state in ("queued", "running"):
            text = t("rec.transcribing", percent=round(tr.progress * 100))
        elif tr.state == "failed":
            text = f"{t('rec.transcript_failed')}: {tr.message}"
        else:
            text = t("rec.no_transcript")
        self.query_one("#rec-text", Static).update(text)

    # transcript -------------------------------------------------------------------------
    @work(exclusive=True, group="transcript")
    async def load_transcript(self) -> None:
        """GET /recordings/{id}/transcript."""
        try:
            self.transcript = await recordings_api.transcript(self.api, self.item.id)
        except DeskError as exc:
            self.fail(exc, "transcript")
            return
        self._draw_transcript()

    def _poll_transcript(self) -> None:
        tr = self.transcript
        if tr is not None and tr.state in ("queued", "running"):
            self.load_transcript()

    # keys -------------------------------------------------------------------------------
    async def action_play_pause(self) -> None:
        """Space: play or pause."""
        await self.player.toggle()

    async def action_back5(self) -> None:
        """Left: five seconds back."""
        await self.player.seek(-SEEK_S)

    async def action_ahead5(self) -> None:
        """Right: five seconds ahead."""
        await self.player.seek(SEEK_S)

    async def action_speed(self) -> None:
        """s: the next speed (0.75, 1, 1.5, 2)."""
        await self.player.next_speed()

    def action_export(self) -> None:
        """ctrl+e: save a WAV (managers and admins; others are told why not)."""
        if not self.may_export:
            self.notify(t("rec.export_refused"), severity="warning")
            return
        self.export()

    @work(exclusive=True, group="export")
    async def export(self) -> None:
        """GET /recordings/{id}/wav into the export folder."""
        out = self.export_dir / f"ringdesk-recording-{self.item.id}.wav"
        try:
            self.exported = await recordings_api.export_wav(self.api, self.item.id, out)
        except DeskError as exc:
            self.fail(exc, "export")
            return
        except OSError as exc:
            self.notify(t("rec.export_failed", error=str(exc)), severity="error")
            return
        self.notify(t("rec.exported", path=str(self.exported)))

    async def action_back(self) -> None:
        """Escape: stop and go back."""
        await self.player.close()
        self.dismiss(None)

    async def on_unmount(self) -> None:
        """Leaving by any way stops the audio."""
        await self.player.close()
