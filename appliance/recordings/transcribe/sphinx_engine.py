"""pocketsphinx: its package ships a US English model (used by the tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy.signal import firwin, lfilter

from appliance.recordings.errors import EngineUnavailableError
from appliance.recordings.transcribe.engine import Progress, quiet, windows

WINDOW = 8000 * 2 * 3 // 10  # 0.3 s of 8 kHz PCM16
MIN_UTTERANCE_S = 8.0  # end an utterance at the next pause after this long
MAX_UTTERANCE_S = 30.0


class Upsampler:
    """8 kHz to 16 kHz across blocks without seams: zero-stuffing and a low-pass FIR whose
    state carries over from block to block."""

    def __init__(self, taps: int = 63) -> None:
        self._fir = firwin(taps, 0.5) * 2.0
        self._state = np.zeros(taps - 1)

    def __call__(self, pcm: bytes) -> bytes:
        """PCM16 at twice the rate."""
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        stuffed = np.zeros(2 * x.size)
        stuffed[::2] = x
        y, self._state = lfilter(self._fir, 1.0, stuffed, zi=self._state)
        return np.asarray(np.clip(y, -32768, 32767), dtype="<i2").tobytes()


class PocketSphinxEngine:
    """English by default; another acoustic model, language model and dictionary by path."""

    name = "pocketsphinx"

    def __init__(
        self,
        hmm: str | None = None,
        lm: str | None = None,
        dict_: str | None = None,
        language: str = "en-US",
    ) -> None:
        self.language = language
        # maxhmmpf caps the active HMMs per frame: ~2.5x faster, same words on phone speech
        self._config: dict[str, Any] = {"samprate": 16000, "logfn": "/dev/null", "maxhmmpf": 3000}
        for key, value in (("hmm", hmm), ("lm", lm), ("dict", dict_)):
            if value:
                self._config[key] = value
        self._decoder: Any = None

    def _load(self) -> Any:
        if self._decoder is None:
            try:
                from pocketsphinx import Decoder  # type: ignore[import-untyped]
            except ImportError as exc:
                raise EngineUnavailableError(
                    f"pocketsphinx がありません / pocketsphinx is not installed: {exc}"
                ) from None
            try:
                self._decoder = Decoder(**self._config)
            except (RuntimeError, ValueError) as exc:
                raise EngineUnavailableError(
                    f"pocketsphinx のモデルを読めません / cannot load the pocketsphinx model "
                    f"({self._config.get('hmm', 'built-in en-us')}): {exc}"
                ) from None
        return self._decoder

    def transcribe(self, blocks: Iterable[bytes], progress: Progress) -> str:
        """Words heard, utterance by utterance: audio is cut at a pause (or at most every
        MAX_UTTERANCE_S) and each piece decoded whole, which recognises better than live mode."""
        decoder = self._load()
        upsample = Upsampler()
        words: list[str] = []
        pending: list[bytes] = []
        heard = in_utt = 0.0
        for window in windows(blocks, WINDOW):
            pending.append(upsample(window))
            seconds = len(window) / 16000
            heard += seconds
            in_utt += seconds
            if in_utt >= MAX_UTTERANCE_S or (in_utt >= MIN_UTTERANCE_S and quiet(window)):
                words += self._decode(decoder, pending)
                pending, in_utt = [], 0.0
            progress(heard)
        words += self._decode(decoder, pending)
        return " ".join(words)

    @staticmethod
    def _decode(decoder: Any, pieces: list[bytes]) -> list[str]:
        if not pieces:
            return []
        decoder.start_utt()
        decoder.process_raw(b"".join(pieces), False, True)
        decoder.end_utt()
        hyp = decoder.hyp()
        return hyp.hypstr.split() if hyp is not None and hyp.hypstr else []
