"""Which engine the box uses: the admin's settings (engine name, Vosk model folder)."""

from __future__ import annotations

from appliance.core.settings import get_setting
from appliance.recordings.errors import EngineUnavailableError
from appliance.recordings.transcribe.engine import Engine

ENGINE_SETTING = "recordings.transcription_engine"
VOSK_MODEL_SETTING = "recordings.vosk_model"
ENGINES = ("pocketsphinx", "vosk")


def make_engine(name: str, *, vosk_model: str | None = None) -> Engine:
    """The named engine; EngineUnavailableError (ja/en) when it or its model is missing."""
    # imported here: scipy/numpy take seconds to import and the box must start within 3 s
    from appliance.recordings.transcribe.sphinx_engine import PocketSphinxEngine
    from appliance.recordings.transcribe.vosk_engine import VoskEngine

    if name == "pocketsphinx":
        return PocketSphinxEngine()
    if name == "vosk":
        if not vosk_model:
            raise EngineUnavailableError(
                "Vosk のモデルが設定されていません (recordings.vosk_model) / no Vosk model is set: "
                "the admin unpacks one on the box and sets recordings.vosk_model to its folder"
            )
        return VoskEngine(vosk_model)
    raise EngineUnavailableError(
        f"文字起こしエンジン {name!r} はありません / no engine {name!r}"
        f" (choose one of {', '.join(ENGINES)})"
    )


def engine_from_settings() -> Engine:
    """The engine the settings name (db thread); pocketsphinx when nothing is set."""
    name = str(get_setting(ENGINE_SETTING, "pocketsphinx"))
    model = get_setting(VOSK_MODEL_SETTING, None)
    return make_engine(name, vosk_model=str(model) if model else None)
