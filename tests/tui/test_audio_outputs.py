"""The desk's default sound output: chosen at the first play (not when a screen opens), and the
sound libraries' console messages never reach the terminal the UI is drawn on."""

from __future__ import annotations

import subprocess
import sys

from tui.audio.outputs import AudioOutput, FirstOpenOutput, NullOutput

PROBE = "from tui.audio.outputs import probe_output; print(type(probe_output()).__name__)"


def test_the_output_is_probed_once_at_the_first_open() -> None:
    probed: list[NullOutput] = []

    def probe() -> AudioOutput:
        probed.append(NullOutput())
        return probed[-1]

    output = FirstOpenOutput(probe)
    output.write(b"\0\0" * 8)  # before any open: nothing, and no probing
    assert probed == []
    output.open(8000)
    output.write(b"\0\0" * 80)
    output.close()
    output.open(12000)
    assert len(probed) == 1 and probed[0].samples == 80 and probed[0].rates == [8000, 12000]


def test_probing_the_sound_card_writes_nothing_to_stderr() -> None:
    # a real process: ALSA and JACK write straight to fd 2, past sys.stderr
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() in ("PyAudioOutput", "NullOutput")
    assert "ALSA" not in done.stderr and "jack" not in done.stderr.casefold(), done.stderr
