"""Check rows in chunks, in a worker process when there are many, so that the database thread
writes one chunk while the worker checks the next (phone parsing and search text are most of
an import's Python time). The worker never touches the database."""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from appliance.core.importing.records import Record, Rejected, build_record
from appliance.core.importing.writing import untagged_index_row
from appliance.db.search_index import IndexRow

CHUNK_ROWS = 2000
# Fewer rows are checked on the caller's thread: starting a worker costs about half a second.
WORKER_ROWS = 10_000
_PROTOCOL = pickle.HIGHEST_PROTOCOL

Checked = Rejected | tuple[Record, IndexRow]
Rows = Sequence[tuple[int, list[str]]]


class CheckerError(RuntimeError):
    """The worker process stopped or raised before it checked every row."""


def check_chunk(rows: Rows, fields: Sequence[str], region: str) -> list[Checked]:
    """build_record for each row; a record comes with its index rows (tags aside)."""
    out: list[Checked] = []
    for number, cells in rows:
        result = build_record(number, cells, fields, region)
        out.append(result if isinstance(result, Rejected) else (result, untagged_index_row(result)))
    return out


def _serve() -> None:
    """The worker process: (fields, region), then row chunks until None, from stdin; each
    chunk's results, or ("error", why), to stdout. All pickled; only the importer talks to it."""
    gc.disable()  # it lives for one import; collections would walk every row it holds
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the results
    try:
        fields, region = pickle.load(source)
        while (rows := pickle.load(source)) is not None:
            pickle.dump(("chunk", check_chunk(rows, fields, region)), sink, _PROTOCOL)
            sink.flush()
    except BaseException as exc:  # the importer raises CheckerError and rolls back
        pickle.dump(("error", f"{type(exc).__name__}: {exc}"), sink, _PROTOCOL)
        sink.flush()


def checked_chunks(rows: Rows, fields: Sequence[str], region: str) -> Iterator[list[Checked]]:
    """check_chunk over rows, chunk by chunk in row order; close it when done early."""
    chunks = [list(rows[i : i + CHUNK_ROWS]) for i in range(0, len(rows), CHUNK_ROWS)]
    if len(rows) < WORKER_ROWS:
        for chunk in chunks:
            yield check_chunk(chunk, fields, region)
        return
    # A plain child process, not multiprocessing: spawn would re-run the caller's __main__.
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[3])  # the directory holding appliance/
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    worker = subprocess.Popen(
        [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert worker.stdin is not None and worker.stdout is not None
    feeder = threading.Thread(
        target=_feed, args=(worker.stdin, [(list(fields), region), *chunks, None]), daemon=True
    )
    feeder.start()
    try:
        for _ in chunks:
            yield _next(worker)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        worker.stdout.close()
        feeder.join()


def _feed(sink: IO[bytes], items: list[Any]) -> None:
    """Send items to the worker; a thread, so the worker's results never wait on our writes."""
    try:
        for item in items:
            pickle.dump(item, sink, _PROTOCOL)
        sink.close()
    except (BrokenPipeError, ValueError):  # the worker stopped; _next reports why
        pass


def _next(worker: subprocess.Popen[bytes]) -> list[Checked]:
    assert worker.stdout is not None
    try:
        kind, value = pickle.load(worker.stdout)
    except EOFError:
        raise CheckerError(f"the row checker stopped (exit code {worker.wait()})") from None
    if kind == "error":
        raise CheckerError(f"the row checker failed: {value}")
    chunk: list[Checked] = value
    return chunk


if __name__ == "__main__":
    _serve()
