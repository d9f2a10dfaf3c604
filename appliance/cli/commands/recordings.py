"""`ringdesk recordings list|verify|export-wav|transcribe`: call recordings on this box."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError
from appliance.cli.options import add_data_option

if TYPE_CHECKING:
    from appliance.recordings.store import RecordingStore


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the recordings subcommand."""
    p = sub.add_parser("recordings", help="call recordings / 通話録音")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    ls = verbs.add_parser("list", help="list recordings / 一覧")
    add_data_option(ls)
    ls.add_argument("--customer", type=int, default=None, help="only this customer's")
    ls.set_defaults(func=_list)
    v = verbs.add_parser("verify", help="authenticate every chunk / 検証")
    add_data_option(v)
    v.add_argument("id", type=int, nargs="?", default=None, help="one recording (default all)")
    v.set_defaults(func=_verify)
    e = verbs.add_parser("export-wav", help="write a WAV (plain audio!) / WAV 書き出し")
    add_data_option(e)
    e.add_argument("id", type=int)
    e.add_argument("out", help="WAV file outside the data directory")
    e.set_defaults(func=_export)
    t = verbs.add_parser("transcribe", help="speech to text, offline / 文字起こし")
    add_data_option(t)
    t.add_argument("id", type=int)
    t.add_argument(
        "--engine",
        choices=("pocketsphinx", "vosk"),
        default=None,
        help="default: the recordings.transcription_engine setting",
    )
    t.add_argument("--vosk-model", metavar="DIR", default=None, help="Vosk model folder")
    t.set_defaults(func=_transcribe)


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[tuple[RecordingStore, Path]]:
    from appliance.cli.context import open_store_for
    from appliance.paths import data_dir
    from appliance.recordings.config import policy_from_settings, root_for
    from appliance.recordings.store import OpenBox, RecordingStore

    directory = data_dir(args.data, create=False)
    store = open_store_for(directory)
    try:
        root = store.executor.call(root_for, directory)
        policy = store.executor.call(policy_from_settings)
        yield RecordingStore(root, OpenBox(store), policy=policy), directory
    finally:
        store.close()


def _list(args: argparse.Namespace) -> int:
    from appliance.db.models import Recording
    from appliance.recordings import rows

    with _opened(args) as (rstore, _):
        assert rstore.box.store is not None
        found = rstore.box.store.executor.call(
            lambda: [
                rows.describe(r)
                for r in (
                    rows.of_customer(args.customer)
                    if args.customer is not None
                    else Recording.select().order_by(Recording.started_at.desc())
                )
            ]
        )
    print(f"{'id':>5}  {'started (UTC)':19}  {'length':>8}  {'kind':9}  {'state':9}  call")
    for r in found:
        print(
            f"{r['id']:>5}  {r['started_at']:%Y-%m-%d %H:%M:%S}  {r['duration_s']:>7.1f}s  "
            f"{r['kind']:9}  {r['state']:9}  {r['call_id'] or '-'}"
        )
    print(f"{len(found)} 件 / recording(s)")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from appliance.db.models import Recording
    from appliance.recordings.reader import RecordingReader

    bad = 0
    with _opened(args) as (rstore, _):
        assert rstore.box.store is not None
        query = Recording.select()
        if args.id is not None:
            query = query.where(Recording.id == args.id)
        found = rstore.box.store.executor.call(lambda: list(query))
        if args.id is not None and not found:
            raise UserFacingError(f"録音 {args.id} はありません / no recording with id {args.id}")
        for row in found:
            path = rstore.path_of(row.file)
            if not path.exists():
                line, ok = f"ファイルがありません / file missing ({path})", False
            else:
                check = RecordingReader(path, bytes(row.file_key)).verify()
                line, ok = check.describe(), check.ok
            bad += not ok
            print(f"{row.id:>5}  {'ok  ' if ok else 'BAD '} {line}")
    return 1 if bad else 0


def _export(args: argparse.Namespace) -> int:
    from appliance.core.actor import Actor
    from appliance.core.errors import RingdeskError
    from appliance.recordings.playback import export_wav

    with _opened(args) as (rstore, directory):
        try:
            out = export_wav(
                rstore, Actor.system("recordings export (CLI)"), args.id, Path(args.out), directory
            )
        except RingdeskError as exc:
            raise UserFacingError(str(exc)) from None
    print(f"書き出しました / written: {out} (平文の音声 / plain audio: delete it after use)")
    return 0


def _transcribe(args: argparse.Namespace) -> int:
    from appliance.core.errors import RingdeskError
    from appliance.recordings.transcribe.choose import engine_from_settings, make_engine
    from appliance.recordings.transcribe.jobs import JobStatus, TranscriptionRunner

    def show(job: JobStatus) -> None:
        sys.stderr.write(f"\r{job.state:8} {job.progress * 100:5.1f}%")
        sys.stderr.flush()

    with _opened(args) as (rstore, _):
        assert rstore.box.store is not None
        try:
            engine = (
                make_engine(args.engine, vosk_model=args.vosk_model)
                if args.engine
                else rstore.box.store.executor.call(engine_from_settings)
            )
        except RingdeskError as exc:
            raise UserFacingError(str(exc)) from None
        runner = TranscriptionRunner(rstore, lambda: engine, on_progress=show)
        job = runner.enqueue(args.id)
        runner.wait_idle()
        runner.stop()
        sys.stderr.write("\n")
        if job.state != "done":
            raise UserFacingError(job.message)
        from appliance.recordings.transcribe.results import transcript_of

        text = rstore.box.store.executor.call(transcript_of, args.id)
    print(text.text if text is not None else "")
    return 0
