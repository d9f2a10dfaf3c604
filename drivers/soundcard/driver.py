"""Sound-card line driver: caller ID and alerting decoded from captured audio, with a recording tap.

Reads an AudioSource in a worker thread (resampled to 8 kHz, decoded there too, so the event
loop never waits on audio work), reports drivers.base events, and rides out hot-unplug with
DeviceStatus events and reconnect attempts backing off from `retry_min_s` to `retry_max_s`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

import numpy as np

from drivers.base import (
    RING_TIMEOUT_S,
    AudioFrame,
    CallerId,
    DeviceStatus,
    LineCommand,
    LineEvent,
    OffHook,
    OnHook,
    Record,
    Ring,
    RingingStopped,
    ToneEvent,
)
from drivers.callerid.alerting import Alert, AlertDetector
from drivers.callerid.decoder import CallerIdDecoder
from drivers.callerid.resample import RATE, Resampler, pcm16_to_float
from drivers.soundcard.events import to_event
from drivers.soundcard.source import AudioSource, AudioSourceError

log = logging.getLogger(__name__)

HOOK_NOTICE = (
    "Japan (NTT Number Display) sends caller ID only after the terminal answers the CAR signal "
    "off hook: this sound-card input needs hook control (the line card or a modem) / "
    "ナンバー・ディスプレイは一次応答（オフフック）の後に送出されます。"
    "この音声入力にはフック制御（回線カードまたはモデム）が必要です"
)
TONES = {"dtas": "dtas", "reversal": "line-reversal", "ring-pulse": "ring-pulse"}
RecordingSink = Callable[[bytes, int], None]


class SoundcardDriver:
    """One phone line heard through a sound card (line coupler); LineDriver protocol."""

    def __init__(
        self,
        source: AudioSource,
        *,
        line: str = "line1",
        standard: str = "auto",
        region: str | None = None,
        name: str = "soundcard",
        chunk_ms: int = 100,
        ring_timeout_s: float = RING_TIMEOUT_S,
        retry_min_s: float = 0.5,
        retry_max_s: float = 30.0,
        recording_sink: RecordingSink | None = None,
        answer_after_s: float | None = None,
    ) -> None:
        CallerIdDecoder(standard)  # refuse an unknown standard now, not in the worker
        self.name = name
        self.line = line
        self.source = source
        self.standard = standard
        self.region = (region or "").upper()
        self.needs_hook_control = self.region == "JP" or standard == "jclip"
        self.recording = False
        self._sink = recording_sink
        self._chunk_ms = chunk_ms
        self._ring_timeout = ring_timeout_s
        self._retry = (retry_min_s, retry_max_s)
        self._queue: asyncio.Queue[LineEvent | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._rings = 0
        self._last_ring_end = 0.0  # stream seconds
        self._samples = 0  # 8 kHz samples decoded since connect
        # A coupler cannot hear a phone picked up. Replaying a recorded answered call (a WAV
        # file source) may say it was: answered this long after caller ID, ended with the audio.
        if answer_after_s is not None and answer_after_s < 0:
            raise ValueError(f"answer_after_s must be >= 0, not {answer_after_s}")
        self.answer_after_s = answer_after_s
        self._answer_at: float | None = None  # stream seconds
        self._answered = False

    async def start(self) -> None:
        """Begin capturing; returns at once (connecting and reconnecting run in the background)."""
        if self.needs_hook_control:
            log.warning("%s: %s", self.name, HOOK_NOTICE)
            self._emit(DeviceStatus(self.line, state="needs-hook-control", detail=HOOK_NOTICE))
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"{self.name}-capture")

    async def stop(self) -> None:
        """Stop capturing, release the device and end the event stream."""
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await asyncio.to_thread(self.source.close)
        self._queue.put_nowait(None)

    async def events(self) -> AsyncIterator[LineEvent]:
        """Events in order until stop()."""
        while True:
            event = await self._queue.get()
            if event is None:
                return
            yield event

    async def send(self, command: LineCommand) -> None:
        """Record on/off is the only command: a sound card cannot answer, hang up or dial."""
        if isinstance(command, Record):
            self.recording = command.on
            return
        raise NotImplementedError(
            f"{type(command).__name__}: a sound card has no hook control (use the line card or a "
            "modem) / サウンドカードにはフック制御がありません"
        )

    def _emit(self, event: LineEvent) -> None:
        self._queue.put_nowait(event)

    async def _run(self) -> None:
        delay = self._retry[0]
        while not self._stopping:
            try:
                await asyncio.to_thread(self.source.open)
            except AudioSourceError as exc:
                self._emit(
                    DeviceStatus(
                        self.line, state="reconnecting", detail=f"{exc}; retry in {delay:g} s"
                    )
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._retry[1])
                continue
            except ValueError as exc:
                self._emit(DeviceStatus(self.line, state="failed", detail=str(exc)))
                return
            delay = self._retry[0]
            pipeline = _Pipeline(self.source.rate, self.standard)
            self._samples = 0
            self._emit(
                DeviceStatus(
                    self.line,
                    state="connected",
                    detail=f"{self.source.name} at {self.source.rate} Hz",
                )
            )
            try:
                if not await self._capture(pipeline):
                    return
            except AudioSourceError as exc:
                await asyncio.to_thread(self.source.close)
                self._emit(
                    DeviceStatus(
                        self.line, state="reconnecting", detail=f"{exc}; retry in {delay:g} s"
                    )
                )
                await asyncio.sleep(delay)

    async def _capture(self, pipeline: _Pipeline) -> bool:
        """Read and decode until the source ends (False) or vanishes (AudioSourceError)."""
        frames = max(1, self.source.rate * self._chunk_ms // 1000)
        while not self._stopping:
            pcm = await asyncio.to_thread(self.source.read, frames)
            if not pcm:
                for event in await asyncio.to_thread(pipeline.flush, self.line):
                    self._deliver(event, pipeline)
                self._ringing_check(force=True)
                self._hang_up()
                self._emit(
                    DeviceStatus(
                        self.line,
                        state="stopped",
                        detail="audio input ended / 音声入力が終了しました",
                    )
                )
                return False
            if self.recording:
                self._emit(AudioFrame(self.line, pcm=pcm, rate=self.source.rate))
                if self._sink is not None:
                    self._sink(pcm, self.source.rate)
            for event in await asyncio.to_thread(pipeline.feed, pcm, self.line):
                self._deliver(event, pipeline)
            self._samples = pipeline.samples
            self._answer_check()
            self._ringing_check()
        return True

    def _deliver(self, event: LineEvent | Alert, pipeline: _Pipeline) -> None:
        if not isinstance(event, Alert):
            self._emit(event)
            if (
                isinstance(event, CallerId)
                and self.answer_after_s is not None
                and not self._answered
                and self._answer_at is None
            ):
                self._answer_at = pipeline.samples / RATE + self.answer_after_s
            return
        if event.kind in TONES:
            self._emit(ToneEvent(self.line, tone=TONES[event.kind]))
            return
        self._hang_up()  # a replayed line ringing again: the answered call before it is over
        self._rings += 1
        self._last_ring_end = event.end / RATE
        car = event.kind == "car" or (self.needs_hook_control and self._looks_like_car(event))
        self._emit(Ring(self.line, count=self._rings, cadence_ms=event.cadence_ms, car=car))

    @staticmethod
    def _looks_like_car(alert: Alert) -> bool:
        return 350 <= (alert.end - alert.start) * 1000 // RATE <= 700

    def _answer_check(self) -> None:
        if self._answer_at is not None and self._samples / RATE >= self._answer_at:
            self._answer_at, self._answered, self._rings = None, True, 0
            self._emit(OffHook(self.line))

    def _hang_up(self) -> None:
        self._answer_at = None
        if self._answered:
            self._answered = False
            self._emit(OnHook(self.line, remote=True))

    def _ringing_check(self, force: bool = False) -> None:
        idle = self._samples / RATE - self._last_ring_end
        if self._rings and (force or idle > self._ring_timeout):
            self._emit(RingingStopped(self.line, rings=self._rings))
            self._rings = 0


class _Pipeline:
    """Resampler, caller-ID decoder and alerting detector for one connection (worker thread)."""

    def __init__(self, rate: int, standard: str) -> None:
        self.resampler = Resampler(rate)
        self.decoder = CallerIdDecoder(standard)
        self.alerts = AlertDetector()
        self.samples = 0

    def feed(self, pcm: bytes, line: str) -> list[LineEvent | Alert]:
        x = self.resampler.feed(pcm16_to_float(pcm))
        self.samples += x.size
        return self._events(x, line, final=False)

    def flush(self, line: str) -> list[LineEvent | Alert]:
        return self._events(np.zeros(RATE), line, final=True)

    def _events(self, x: np.ndarray, line: str, final: bool) -> list[LineEvent | Alert]:
        out: list[tuple[int, LineEvent | Alert]] = [(a.end, a) for a in self.alerts.feed(x)]
        found = self.decoder.feed(x, final) if not final else self.decoder.flush()
        out += [(d.end_sample, to_event(d, line)) for d in found]
        out.sort(key=lambda pair: pair[0])
        return [event for _, event in out]
