"""One LineDriver per configured line: simulated, modem, or a firmware_bridge device."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from appliance.config import ConfigError, LineConfig
from drivers.base import LineDriver
from drivers.simulated import ScriptedCall, SimulatedLine

BRIDGE_KINDS = ("nd-adapter", "whozz", "ncid", "linecard")


NOT_A_REPLAY = (
    "answer_after_s is for wav: replays only; a sound card cannot hear a call "
    "answered / answer_after_s は wav: 再生専用です"
    "（サウンドカードは応答を検知できません）"
)


def make_line_driver(cfg: LineConfig, region: str) -> LineDriver:
    """The driver for one [[lines]] entry; ConfigError naming the line when it cannot be built."""
    try:
        if cfg.driver == "simulated":
            return _simulated(cfg)
        if cfg.driver in BRIDGE_KINDS:
            from firmware_bridge.factory import make_driver

            return make_driver(cfg.driver, cfg.name, cfg.device, cfg.options)
        if cfg.driver in ("modem", "soundcard"):
            return _hardware(cfg, region)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"line {cfg.name}: {exc}") from exc
    raise ConfigError(f"line {cfg.name}: driver {cfg.driver!r} is not available in this build")


def _simulated(cfg: LineConfig) -> SimulatedLine:
    pace = float(cfg.options.get("pace", 1.0))
    calls: Iterable[ScriptedCall] = tuple(_scripted(c) for c in cfg.options.get("calls", []))
    if cfg.options.get("repeat", False) and calls:
        calls = itertools.cycle(calls)
    gap = float(cfg.options.get("gap_s", 3.0))
    return SimulatedLine(line=cfg.name, calls=calls, pace=pace, gap_s=gap, hold_open=True)


def _scripted(entry: dict[str, Any]) -> ScriptedCall:
    from drivers.base import Reason

    reason = entry.get("reason")
    return ScriptedCall(
        entry.get("number"),
        entry.get("name"),
        Reason(reason) if reason else None,
        rings=int(entry.get("rings", 2)),
        answered=bool(entry.get("answered", True)),
        talk_s=float(entry.get("talk_s", 2.0)),
    )


def _hardware(cfg: LineConfig, region: str) -> LineDriver:
    opts = dict(cfg.options)
    if cfg.driver == "modem":
        from drivers.modem import ModemDriver

        rings = opts.get("auto_answer_rings")
        return ModemDriver(
            cfg.name,
            cfg.device or "/dev/ttyACM*",
            chipset=str(opts.get("chipset", "auto")),
            region=region,
            ring_timeout_s=cfg.ring_timeout_s,
            auto_answer_rings=int(rings) if rings is not None else None,
        )
    from drivers.soundcard import PyAudioSource, SoundcardDriver, WavFileSource

    # device: a card's name or index, or wav:A.wav,B.wav (the shipped file source, real time)
    device = cfg.device or None
    source: PyAudioSource | WavFileSource
    # answer_after_s: a wav: replay of an answered call says so (a coupler cannot hear it)
    answer = opts.get("answer_after_s")
    if device is not None and device.startswith("wav:"):
        source = WavFileSource([Path(p) for p in device[4:].split(",")], speed=1.0)
    else:
        if answer is not None:
            raise ValueError(NOT_A_REPLAY)
        source = PyAudioSource(int(device) if device and device.isdigit() else device)
    return SoundcardDriver(
        source,
        line=cfg.name,
        standard=str(opts.get("standard", "auto")),
        region=region,
        ring_timeout_s=cfg.ring_timeout_s,
        answer_after_s=float(answer) if answer is not None else None,
    )
