"""Vosk (Kaldi): the admin installs a model directory, e.g. a Japanese one, and names it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from appliance.recordings.errors import EngineUnavailableError
from appliance.recordings.transcribe.engine import Progress, windows

WINDOW = 8000 * 2  # one second


def _missing(path: Path, why: str) -> EngineUnavailableError:
    return EngineUnavailableError(
        f"Vosk のモデルがありません ({path}: {why})。管理者がモデルを展開し、設定 "
        f"recordings.vosk_model にそのフォルダを指定してください / no usable Vosk model at "
        f"{path} ({why}): the admin unpacks a model (e.g. vosk-model-small-ja) on the box and "
        "sets recordings.vosk_model to its folder; recordings are kept untranscribed meanwhile"
    )


class VoskEngine:
    """A Vosk model from a folder; checked when the engine is made, loaded at first use."""

    name = "vosk"

    def __init__(self, model_path: str | Path, language: str = "ja-JP") -> None:
        self.path = Path(model_path)
        self.language = language
        if not self.path.is_dir():
            raise _missing(self.path, "no such folder")
        if not (self.path / "am").is_dir() and not (self.path / "final.mdl").exists():
            raise _missing(self.path, "not a Vosk model folder (no am/)")
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import vosk  # type: ignore[import-untyped]

                vosk.SetLogLevel(-1)
                self._model = vosk.Model(str(self.path))
            except Exception as exc:  # vosk raises a bare Exception for a bad model
                raise _missing(self.path, str(exc)) from None
        return self._model

    def transcribe(self, blocks: Iterable[bytes], progress: Progress) -> str:
        """Words heard, joined (Japanese models give words separated by spaces)."""
        import vosk

        recognizer = vosk.KaldiRecognizer(self._load(), 8000)
        parts: list[str] = []
        heard = 0.0
        for window in windows(blocks, WINDOW):
            if recognizer.AcceptWaveform(window):
                parts.append(json.loads(recognizer.Result()).get("text", ""))
            heard += len(window) / 16000
            progress(heard)
        parts.append(json.loads(recognizer.FinalResult()).get("text", ""))
        return " ".join(p for p in parts if p)
