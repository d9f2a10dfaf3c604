"""drivers.soundcard: caller ID and alerting from a sound card, behind an audio-source seam."""

from drivers.soundcard.driver import HOOK_NOTICE, SoundcardDriver
from drivers.soundcard.pyaudio_source import (
    DeviceNotFoundError,
    PyAudioSource,
    choose_rate,
    select_device,
)
from drivers.soundcard.source import AudioSource, AudioSourceError
from drivers.soundcard.wavsource import WavFileSource

__all__ = [
    "HOOK_NOTICE",
    "AudioSource",
    "AudioSourceError",
    "DeviceNotFoundError",
    "PyAudioSource",
    "SoundcardDriver",
    "WavFileSource",
    "choose_rate",
    "select_device",
]
