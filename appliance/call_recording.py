"""Records calls on lines that carry audio: a sink opens when the call is answered, line audio
(AudioFrame events) goes into it, and it closes when the call ends. Locked, the recording is
sealed to the inbox and linked to its call at unlock (appliance.recordings)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from appliance.core.actor import Actor
from appliance.core.calls.router import CallUpdate
from appliance.recordings.errors import StorageError
from appliance.recordings.sink import RecordingSink
from appliance.recordings.store import RecordingStore
from appliance.recordings.voicemail import post_callback
from drivers.base import AudioFrame, LineDriver, LineEvent, Record

log = logging.getLogger(__name__)
RATE = 8000


@dataclass
class _Open:
    call_id: int
    sink: RecordingSink | None  # None while the sink is being opened
    kind: str = "call"


class CallRecorder:
    """Opens, feeds and closes one recording per answered call on the lines it is told to."""

    def __init__(
        self,
        store: RecordingStore,
        records: Callable[[str], bool],
        drivers: dict[str, LineDriver],
        started_of: Callable[[int], datetime | None] = lambda _call_id: None,
        voicemail: Callable[[str], bool] = lambda _line: False,
    ) -> None:
        self.store, self.records, self.drivers = store, records, drivers
        self.voicemail = voicemail  # lines the box answers itself (closed office): messages
        self.started_of = started_of  # a sealed call's start, by which its recording is linked
        self._open: dict[str, _Open] = {}
        self._rate_warned: set[str] = set()
        self.on_recorded: list[Callable[[str], Awaitable[None]]] = []  # uid of each finished one

    def tap(self, event: LineEvent) -> None:
        """Line events (sync): audio of a line being recorded goes to its sink."""
        if not isinstance(event, AudioFrame):
            return
        current = self._open.get(event.line)
        if current is None or current.sink is None:
            return
        if event.rate != RATE:
            if event.line not in self._rate_warned:
                self._rate_warned.add(event.line)
                log.warning(
                    "line %s sends %d Hz audio; recordings take 8 kHz", event.line, event.rate
                )
            return
        current.sink.write(event.pcm)

    async def update(self, item: CallUpdate) -> None:
        """Call progress: start on answered, stop on ended or missed."""
        wanted = self.records(item.line) or self.voicemail(item.line)
        if item.kind == "answered" and wanted and item.line not in self._open:
            await self._start(item)
        elif item.kind in ("ended", "missed"):
            await self._stop(item.line)

    async def _start(self, item: CallUpdate) -> None:
        slot = _Open(item.call_id, None, "voicemail" if self.voicemail(item.line) else "call")
        self._open[item.line] = slot
        call_id = item.call_id if item.call_id > 0 else None  # sealed calls: by line and time
        started = self.started_of(item.call_id) or item.at
        try:
            slot.sink = await self.store.aopen(
                call_id, line=item.line, started_at=started, kind=slot.kind
            )
        except StorageError as exc:  # the store told every desk; the call goes on unrecorded
            log.warning("call %d on %s not recorded: %s", item.call_id, item.line, exc)
            self._open.pop(item.line, None)
            return
        await self._command(item.line, on=True)

    async def _stop(self, line: str) -> None:
        slot = self._open.pop(line, None)
        if slot is None:
            return
        await self._command(line, on=False)
        if slot.sink is None:
            return
        result = await slot.sink.aclose()
        log.info("call %d recorded (%s): %.1f s", slot.call_id, slot.kind, result.seconds)
        for hook in self.on_recorded:
            try:
                await hook(result.uid)
            except Exception:  # transcription queueing must not break the call path
                log.exception("after recording %s", result.uid)
        store = self.store.box.store
        if slot.kind == "voicemail" and store is not None and not self.store.box.locked:
            # on the callback board with the caller's card; a locked box posts it at unlock
            await store.executor.run(
                post_callback, Actor.system("voicemail"), result.uid, result.seconds
            )

    async def _command(self, line: str, *, on: bool) -> None:
        driver = self.drivers.get(line)
        if driver is None:
            return
        # a line that taps its audio all the time (sound card) needs no command
        with contextlib.suppress(NotImplementedError):
            await driver.send(Record(line, on=on))

    async def close(self) -> None:
        """Close every open recording (box stopping)."""
        for line in list(self._open):
            await self._stop(line)
