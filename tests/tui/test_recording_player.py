"""The desk's recording player (Pilot) against the in-process box API: the card lists the
customer's recording, the player streams it from the box (position advances, pause stops it,
seek moves it, speed changes the output rate), the transcript shows beside it, and a manager
exports a WAV while an operator is refused."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from textual.widgets import DataTable

from appliance.db.models import Call
from appliance.recordings import rows
from appliance.recordings.store import OpenBox, RecordingStore
from appliance.recordings.transcribe.results import save_transcript
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.audio.outputs import NullOutput
from tui.client.keystore import Keystore
from tui.client.recordings import recordings_of
from tui.screens.card import CustomerScreen
from tui.screens.recording import RecordingScreen

SECONDS = 20.0
SAID = "two pizzas for delivery tomorrow"


def _voice_like(seconds: float) -> bytes:
    """A 300 Hz tone with a slow swell, PCM16 mono 8 kHz."""
    n = np.arange(int(seconds * 8000))
    x = 8000 * np.sin(2 * np.pi * 300 * n / 8000) * (0.6 + 0.4 * np.sin(2 * np.pi * n / 8000))
    return bytes(x.astype("<i2").tobytes())


def _a_customer_call() -> tuple[int, int]:
    """The newest seeded call from a known customer: (call id, customer id)."""
    row = Call.select().where(Call.customer.is_null(False)).order_by(Call.id.desc()).first()
    return int(row.id), int(row.customer_id)


async def _recorded_customer(box: Box, tmp_path: Path) -> int:
    """A seeded customer's call with a finished recording and its transcript; the customer."""
    call_id, customer_id = await box.store.executor.run(_a_customer_call)
    rstore = RecordingStore(tmp_path / "recordings", OpenBox(box.store), create_root=True)
    box.server.state.hooks.recordings = SimpleNamespace(recordings=rstore, transcriber=None)
    sink = await rstore.aopen(call_id, line="1")
    pcm = _voice_like(SECONDS)
    for i in range(0, len(pcm), 1600):
        sink.write(pcm[i : i + 1600])
    await sink.aclose()
    row = await box.store.executor.run(rows.by_uid, sink.uid)
    assert row is not None
    await box.store.executor.run(
        save_transcript, int(row.id), "pocketsphinx", "en-us", SAID, SECONDS, 1.0
    )
    return customer_id


async def test_card_lists_the_recording_and_the_player_plays_pauses_seeks(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    customer_id = await _recorded_customer(box, tmp_path)
    async with desk_app(box, keystore, user="smith") as (app, pilot):
        app.open_customer(customer_id)
        await until(lambda: isinstance(app.screen, CustomerScreen) and bool(app.screen.recordings))
        card = app.screen
        assert isinstance(card, CustomerScreen)
        await until(lambda: card.query_one("#recordings", DataTable).row_count == 1)
        item = card.recordings[0]
        assert not item.recording and item.transcript_state == "done"
        output = NullOutput()
        app.push_screen(RecordingScreen(item, output=output, export_dir=tmp_path / "exports"))
        await until(
            lambda: isinstance(app.screen, RecordingScreen) and app.screen.transcript is not None
        )
        screen = app.screen
        assert isinstance(screen, RecordingScreen)
        await pilot.pause()
        assert "tomorrow" in screen_text(app)  # the transcript beside the audio
        player = screen.player

        await pilot.press("space")
        await until(lambda: player.position_s >= 1.0, show=lambda: player.position_s)
        assert player.playing and output.rates[-1] == 8000
        await pilot.press("space")
        await until(lambda: not player.playing)
        paused_at = player.position_s
        await pilot.pause(0.5)
        assert player.position_s == paused_at  # pause stops it

        await pilot.press("right")
        await until(lambda: player.position_s == pytest.approx(paused_at + 5.0))
        await pilot.press("left", "left")
        await until(lambda: player.position_s == pytest.approx(max(0.0, paused_at - 5.0)))
        await pilot.press("right", "right")
        await until(lambda: player.position_s == pytest.approx(max(0.0, paused_at - 5.0) + 10))
        target = player.position_s
        await pilot.press("s")  # 1 -> 1.5
        await until(lambda: player.speed == 1.5)
        await pilot.press("space")  # plays on from where it was moved to
        await until(lambda: player.position_s >= target + 1.0, show=lambda: player.position_s)
        assert output.rates[-1] == 12000  # the output runs 1.5 times as fast
        await pilot.press("space")

        await pilot.press("ctrl+e")
        out = tmp_path / "exports" / f"ringdesk-recording-{item.id}.wav"
        await until(lambda: screen.exported is not None)
        data = out.read_bytes()
        assert data[:4] == b"RIFF" and len(data) - 44 == pytest.approx(SECONDS * 16000, rel=0.02)


async def test_an_operator_sees_recordings_but_may_not_play_or_export(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    customer_id = await _recorded_customer(box, tmp_path)
    async with desk_app(box, keystore, user="tanaka") as (app, pilot):
        assert app.api is not None
        items = await recordings_of(app.api, customer_id)
        assert len(items) == 1 and items[0].transcript_text == SAID
        app.push_screen(
            RecordingScreen(items[0], output=NullOutput(), export_dir=tmp_path / "exports")
        )
        await until(lambda: isinstance(app.screen, RecordingScreen))
        screen = app.screen
        assert isinstance(screen, RecordingScreen)
        await pilot.press("space")
        await until(lambda: bool(screen.player.error), show=lambda: vars(screen.player))
        assert "manager" in screen.player.error and screen.player.position_s == 0.0
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert screen.exported is None and not (tmp_path / "exports").exists()
