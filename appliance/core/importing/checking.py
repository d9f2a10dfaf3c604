"""Check rows in chunks, in a worker process when there are many, so that the database thread
writes one chunk while the worker checks the next (phone parsing and search text are most of
an import's Python time). The worker never touches the database."""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import IO

from appliance.core.errors import InvalidInput
from appliance.core.importing.columns import Column
from appliance.core.importing.mapping import apply_overrides, columns, guess_mapping
from appliance.core.importing.records import Record, Rejected, build_record
from appliance.core.importing.writing import untagged_index_row
from appliance.db.search_index import IndexRow

CHUNK_ROWS = 2000
# Fewer rows are checked on the caller's thread: starting a worker costs about half a second.
WORKER_ROWS = 10_000
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_LENGTH = 8  # bytes of the length before each result

Checked = Rejected | tuple[Record, IndexRow]
Rows = Sequence[tuple[int, list[str]]]
Chunks = Generator[list[Checked], None, None]


class CheckerError(RuntimeError):
    """The worker process stopped or raised before it checked every row."""


def _worth_a_worker(rows: int) -> bool:
    """A worker pays for its start on this many rows, with a second core to run on."""
    return rows >= WORKER_ROWS and (os.cpu_count() or 1) > 1


def check_chunk(rows: Rows, fields: Sequence[Column], region: str) -> list[Checked]:
    """build_record for each row; a record comes with its index rows (tags aside)."""
    out: list[Checked] = []
    for number, cells in rows:
        result = build_record(number, cells, fields, region)
        out.append(result if isinstance(result, Rejected) else (result, untagged_index_row(result)))
    return out


def _serve() -> None:
    """The worker process: (fields, region), then row chunks until None, from stdin (pickled);
    each chunk's results, or ("error", why), to stdout, pickled behind an 8-byte length (so
    the importer's reading thread moves whole results without unpickling them)."""
    gc.disable()  # it lives for one import; collections would walk every row it holds
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the results

    def answer(message: tuple[str, object]) -> None:
        blob = pickle.dumps(message, _PROTOCOL)
        sink.write(len(blob).to_bytes(_LENGTH, "big") + blob)
        sink.flush()

    try:
        fields, region = pickle.load(source)
        while (rows := pickle.load(source)) is not None:
            answer(("chunk", check_chunk(rows, fields, region)))
    except BaseException as exc:  # the importer raises CheckerError and rolls back
        answer(("error", f"{type(exc).__name__}: {exc}"))


def checked_chunks(rows: Rows, fields: Sequence[Column], region: str) -> Chunks:
    """check_chunk over rows, chunk by chunk in row order; close it when done early."""
    chunks = [list(rows[i : i + CHUNK_ROWS]) for i in range(0, len(rows), CHUNK_ROWS)]
    if not _worth_a_worker(len(rows)):
        for chunk in chunks:
            yield check_chunk(chunk, fields, region)
        return
    worker = _Worker(fields, region)
    try:
        for chunk in chunks:
            worker.send(chunk)
        yield from worker.results()
    finally:
        worker.close()


class _Worker:
    """A checker process: send() chunks, then results() yields theirs in order; close() ends it."""

    def __init__(self, fields: Sequence[Column], region: str) -> None:
        # A plain child process, not multiprocessing: spawn would re-run the caller's __main__.
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[3])  # the directory holding appliance/
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert self._process.stdin is not None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._outbox.put(pickle.dumps((list(fields), region), _PROTOCOL))
        self._sent = 0
        # A thread writes, so the worker's results never wait on our writes (nor we on its),
        # and one reads, so it never waits with a full pipe while the file is still read.
        self._feeder = threading.Thread(
            target=_feed, args=(self._process.stdin, self._outbox), daemon=True
        )
        self._feeder.start()
        self._inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._reader = threading.Thread(
            target=_drain, args=(self._process.stdout, self._inbox), daemon=True
        )
        self._reader.start()

    def send(self, rows: Rows) -> None:
        """Queue one chunk of rows to check (pickled here: the feeding thread only writes, so it
        never holds the GIL against the database thread)."""
        self._outbox.put(pickle.dumps(rows, _PROTOCOL))
        self._sent += 1

    def results(self) -> Iterator[list[Checked]]:
        """The results of every chunk sent, in order (no chunk may be sent after this)."""
        self._outbox.put(None)
        for _ in range(self._sent):
            yield self._next()

    def _next(self) -> list[Checked]:
        blob = self._inbox.get()
        if blob is None:
            code = self._process.wait()
            raise CheckerError(f"the row checker stopped (exit code {code})")
        kind, value = pickle.loads(blob)
        if kind == "error":
            raise CheckerError(f"the row checker failed: {value}")
        chunk: list[Checked] = value
        return chunk

    def close(self) -> None:
        """Stop the process (if it still runs) and both threads."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._reader.join()
        assert self._process.stdout is not None
        self._process.stdout.close()
        self._outbox.put(None)
        self._feeder.join()


def _feed(sink: IO[bytes], outbox: queue.SimpleQueue[bytes | None]) -> None:
    """Write what is queued to the worker until None; quietly stop if the worker has gone."""
    try:
        while (blob := outbox.get()) is not None:
            sink.write(blob)
        pickle.dump(None, sink, _PROTOCOL)
        sink.close()
    except (BrokenPipeError, ValueError, OSError):  # the worker stopped; _next reports why
        pass


def _drain(source: IO[bytes], inbox: queue.SimpleQueue[bytes | None]) -> None:
    """Move each whole result the worker writes to the inbox, then None at its end."""
    while len(head := source.read(_LENGTH)) == _LENGTH:
        size = int.from_bytes(head, "big")
        blob = source.read(size)
        if len(blob) != size:
            break
        inbox.put(blob)
    inbox.put(None)


class EarlyChecker:
    """A RowListener that sends an .xlsx's rows to a worker while the file is still being read
    (mapping from the header row), once the file proves big; chunks_for then gives their
    results if the read sheet and its final mapping are what was checked."""

    def __init__(self, overrides: Sequence[str], region: str) -> None:
        self._overrides, self._region = list(overrides), region
        self._fields: list[Column] | None = None
        self._pending: list[tuple[int, list[str]]] = []
        self._heard = 0
        self._worker: _Worker | None = None
        self._void = False

    def row(self, number: int, cells: list[str]) -> None:
        """Take one row as read: the first with text is the header, the rest are checked."""
        if self._void or not any(cells):
            return
        if self._fields is None:
            try:
                mapping = apply_overrides(cells, guess_mapping(cells), self._overrides)
                self._fields = columns(cells, mapping)
            except InvalidInput:  # perhaps a --map column only wider rows have: wait for the end
                self._void = True
            return
        self._pending.append((number, cells))  # the reader may pad cells later: "" is ignored
        self._heard += 1
        if self._worker is None and _worth_a_worker(self._heard):
            self._worker = _Worker(self._fields, self._region)
        if self._worker is not None and len(self._pending) >= CHUNK_ROWS:
            self._flush()

    def restart(self) -> None:
        """The file is being read again another way: nothing heard counts."""
        self._void = True
        self.close()

    def chunks_for(self, rows: Rows, fields: Sequence[Column]) -> Chunks | None:
        """The check results of these rows with these fields if they are what was heard and
        checked, else None (and the worker, if any, is stopped)."""
        early = self._fields
        same = (
            not self._void
            and self._worker is not None
            and early is not None
            and self._heard == len(rows)
            and list(fields[: len(early)]) == early
            and all(f[0] == "ignore" for f in fields[len(early) :])
        )
        if not same:
            self.close()
            return None
        return self._finish()

    def _finish(self) -> Chunks:
        assert self._worker is not None
        try:
            self._flush()
            yield from self._worker.results()
        finally:
            self.close()

    def _flush(self) -> None:
        assert self._worker is not None
        for start in range(0, len(self._pending), CHUNK_ROWS):
            self._worker.send(self._pending[start : start + CHUNK_ROWS])
        self._pending = []

    def close(self) -> None:
        """Stop the worker, if one was started."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None


if __name__ == "__main__":
    _serve()
