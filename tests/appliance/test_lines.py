"""Line drivers from [[lines]] entries: a wav: replay may say its call was answered; a real
sound card may not (it cannot hear a phone picked up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.config import ConfigError, LineConfig
from appliance.lines import make_line_driver
from drivers.soundcard import SoundcardDriver


def test_a_wav_replay_takes_answer_after_s(tmp_path: Path) -> None:
    cfg = LineConfig("1", "soundcard", f"wav:{tmp_path / 'call.wav'}", {"answer_after_s": 1.5})
    driver = make_line_driver(cfg, "US")
    assert isinstance(driver, SoundcardDriver) and driver.answer_after_s == 1.5


def test_a_sound_card_refuses_answer_after_s_naming_the_line() -> None:
    cfg = LineConfig("受付", "soundcard", "USB Audio", {"answer_after_s": 1.5})
    with pytest.raises(ConfigError, match="line 受付: answer_after_s is for wav: replays only"):
        make_line_driver(cfg, "JP")
