"""RecordingStore: the sink the call path opens per call, linked in the database (or, while
locked, through the sealed inbox), within a quota, with recovery after a crash."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from appliance.recordings import rows, sealed
from appliance.recordings.capture import DEFAULT_CHUNK_SECONDS
from appliance.recordings.codec import DEFAULT_BITRATE
from appliance.recordings.errors import StorageError
from appliance.recordings.quota import SUFFIX, QuotaGuard, QuotaPolicy, Warn, drive_gone
from appliance.recordings.reader import RecordingReader
from appliance.recordings.sink import RecordingSink, SinkHooks, SinkResult, new_uid

if TYPE_CHECKING:
    from appliance.db.store import Store

log = logging.getLogger(__name__)
MINUTE_BYTES = 12_000  # room asked for before a recording starts (a minute of audio)


class Box(Protocol):
    """The lock state the store needs (appliance.vault.session.VaultSession fits)."""

    store: Store | None

    @property
    def locked(self) -> bool: ...

    def seal(self, kind: str, payload: bytes) -> int: ...


class OpenBox:
    """An always-unlocked box around an open Store (CLI commands, benches, tests)."""

    def __init__(self, store: Store) -> None:
        self.store: Store | None = store

    @property
    def locked(self) -> bool:
        """Never locked."""
        return False

    def seal(self, kind: str, payload: bytes) -> int:
        """Not used while unlocked."""
        raise RuntimeError("unlocked: recordings go to the database")


def _log_warning(text: str) -> None:
    log.warning("%s", text)


class RecordingStore(SinkHooks):
    """Recordings under root (a directory that may be another disk or a USB drive)."""

    def __init__(
        self,
        root: Path,
        box: Box,
        *,
        policy: QuotaPolicy | None = None,
        on_warning: Warn = _log_warning,
        chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
        bitrate: int = DEFAULT_BITRATE,
        create_root: bool = False,
    ) -> None:
        self.root = Path(root)
        if create_root:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.box = box
        self.on_warning = on_warning
        self.chunk_seconds, self.bitrate = chunk_seconds, bitrate
        self.quota = QuotaGuard(self.root, policy or QuotaPolicy(), on_warning)
        self._active: dict[str, RecordingSink] = {}
        self._lock = threading.Lock()
        self._root_id = self._identity()

    def _identity(self) -> tuple[int, int] | None:
        try:
            st = self.root.stat()
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _drive_gone(self) -> str:
        return drive_gone(self.root)

    def _db(self) -> Store | None:
        return None if self.box.locked else self.box.store

    def path_of(self, file: str) -> Path:
        """Where a row's file lives (only names inside root are accepted)."""
        return self.root / Path(file).name

    def open(
        self,
        call_id: int | None = None,
        *,
        line: str = "",
        started_at: dt.datetime | None = None,
        kind: str = "call",
    ) -> RecordingSink:
        """Start recording a call: by call id while unlocked; while locked, by the line and start
        time of the call record sealed for it. StorageError (ja/en, also sent to on_warning)
        when there is no room or no drive; the call goes on unrecorded."""
        if not self.root.is_dir() or self._identity() != self._root_id:
            self._refuse(self._drive_gone())
        why = self.quota.refusal(MINUTE_BYTES)
        if why is not None and not self.make_room(MINUTE_BYTES):
            self._refuse(why + " — 新しい録音は保存されません / new calls are not recorded")
        uid, key = new_uid(), os.urandom(32)
        file = uid + SUFFIX
        started = rows.naive_utc(started_at)
        store = self._db()
        if store is None:
            self.box.seal(
                sealed.KIND,
                sealed.payload(uid, file, key, line=line, started_at=started, kind=kind),
            )
        else:
            store.executor.call(
                rows.create_row,
                uid,
                file,
                key,
                call_id=call_id,
                kind=kind,
                line=line,
                started_at=started,
            )
        sink = RecordingSink(
            uid,
            self.root / file,
            key,
            self,
            chunk_seconds=self.chunk_seconds,
            bitrate=self.bitrate,
            locked=store is None,
            call_id=call_id,
            kind=kind,
        )
        with self._lock:
            self._active[uid] = sink
        return sink

    async def aopen(
        self,
        call_id: int | None = None,
        *,
        line: str = "",
        started_at: dt.datetime | None = None,
        kind: str = "call",
    ) -> RecordingSink:
        """open() from the event loop (the database row and the file's first fsync run on a
        worker thread)."""
        return await asyncio.to_thread(
            self.open, call_id, line=line, started_at=started_at, kind=kind
        )

    def _refuse(self, message: str) -> None:
        self.on_warning(message)
        raise StorageError(message)

    # -- SinkHooks: called on the sink's thread ------------------------------------------
    def after_chunk(self, sink: RecordingSink, size: int) -> str | None:
        """Count the chunk; stop when the drive is gone or no room is left for the next one."""
        self.quota.add(size)
        if self._identity() != self._root_id:
            return self._drive_gone()
        why = self.quota.refusal(2 * size)
        if why is not None and not self.make_room(2 * size):
            return (
                why + f" — この通話の録音は {sink.seconds:.0f} 秒で止まりました / this call's "
                f"recording stopped at {sink.seconds:.0f} s"
            )
        return None

    def failed(self, sink: RecordingSink, message: str) -> None:
        """Tell every desk."""
        self.on_warning(message)

    def finished(self, sink: RecordingSink, result: SinkResult) -> None:
        """Record the end in the database (while locked, recover() does it at unlock)."""
        with self._lock:
            self._active.pop(sink.uid, None)
        store = self._db()
        if store is None:
            return
        state = "complete" if result.error is None else "cut"
        try:
            store.executor.call(
                rows.finish_row,
                result.uid,
                state=state,
                duration_s=result.seconds,
                size_bytes=result.size_bytes,
                problem=result.error or "",
            )
        except Exception:  # the box locked meanwhile: recover() fills the row in at unlock
            log.warning("recording %s: end not recorded yet", result.uid)

    # -- upkeep ---------------------------------------------------------------------------
    def is_active(self, uid: str) -> bool:
        """True while that recording is still being written."""
        with self._lock:
            sink = self._active.get(uid)
        return sink is not None and sink.active

    def recover(self) -> list[tuple[str, str]]:
        """Finish rows left 'recording' by a crash, a power cut or a locked period (reads each
        file to find how much survived); returns (uid, state) pairs. Call after unlock."""
        store = self._db()
        if store is None:
            return []
        done = []
        for row in store.executor.call(rows.unfinished):
            if self.is_active(row.uid):
                continue
            path = self.path_of(row.file)
            if not path.exists():
                state, seconds, size, problem = (
                    "missing",
                    0.0,
                    0,
                    f"録音ファイルがありません / the recording file is missing ({path.name})",
                )
            else:
                check = RecordingReader(path, bytes(row.file_key)).verify()
                state = "complete" if check.ok else "damaged" if check.problem else "cut"
                seconds, size = check.seconds, path.stat().st_size
                problem = "" if check.ok else check.describe()
            store.executor.call(
                rows.finish_row,
                row.uid,
                state=state,
                duration_s=seconds,
                size_bytes=size,
                problem=problem,
            )
            done.append((str(row.uid), state))
        return done

    def sweep_orphans(self) -> int:
        """Delete files no row points at (erased, or deleted before their file): their keys are
        gone already, so this only frees space. Only while unlocked and merged."""
        store = self._db()
        if store is None or not self.root.is_dir():
            return 0
        known = store.executor.call(rows.all_files)
        with self._lock:
            known |= {s.path.name for s in self._active.values()}
        removed = 0
        for path in self.root.glob("*" + SUFFIX):
            if path.name not in known:
                removed += self._unlink(path)
        return removed

    def _unlink(self, path: Path) -> int:
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            return 0
        self.quota.remove(size)
        return 1

    def unlink_files(self, files: list[str]) -> int:
        """Remove these files from the drive (after their rows were deleted)."""
        return sum(self._unlink(self.path_of(f)) for f in files)

    def make_room(self, need: int) -> bool:
        """Delete the oldest recordings past retention until need bytes fit; never one
        within retention. True when there is room now."""
        from appliance.recordings import retention

        store = self._db()
        while self.quota.refusal(need) is not None:  # one at a time: keep all that can stay
            if store is None or self._identity() != self._root_id:  # locked, or drive gone
                return False
            files = store.executor.call(retention.remove_oldest_expired, 1)
            if not files:
                return False
            self.unlink_files(files)
        return True

    def purge_expired(self) -> int:
        """Delete every recording past retention (the daily job); returns how many."""
        from appliance.recordings import retention

        store = self._db()
        if store is None:
            return 0
        count = 0
        while files := store.executor.call(retention.remove_oldest_expired, 100):
            count += len(files)
            self.unlink_files(files)
        return count
