"""The sealed inbox: append while locked (public key only), merge once at unlock (resumable)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from appliance.vault.atomic import atomic_write, fsync_dir
from appliance.vault.errors import InboxDamagedError
from appliance.vault.inbox_format import (
    HEADER,
    InboxHeader,
    InboxRecord,
    build_frame,
    build_header,
    damaged,
    open_frames,
    parse,
)

log = logging.getLogger(__name__)
PROGRESS_PREFIX = "vault.inbox.merged."
BATCH = 64  # records per transaction: one fsync per batch, not per record

Handler = Callable[[InboxRecord], None]


class InboxWriter:
    """Appends sealed records; each append is fsynced before it returns."""

    def __init__(self, path: Path, public_key: bytes) -> None:
        self.path = Path(path)
        if not self.path.exists() or self.path.stat().st_size == 0:
            header = InboxHeader(os.urandom(16), public_key)
            atomic_write(self.path, build_header(header))
        parsed = parse(self.path.read_bytes())
        if parsed.torn_bytes:
            quarantine_torn_tail(self.path)
        if parsed.header.public != public_key:
            raise damaged("the inbox file is sealed to another key; merge it first")
        self.header = parsed.header
        self.next_seq = len(parsed.frames) + 1

    def append(self, kind: str, payload: bytes) -> int:
        """Seal and append one record; returns its sequence number."""
        seq = self.next_seq
        frame = build_frame(self.header, seq, kind, payload)
        with open(self.path, "ab") as fh:
            fh.write(frame)
            fh.flush()
            os.fsync(fh.fileno())
        self.next_seq = seq + 1
        return seq


def quarantine_torn_tail(path: Path) -> int:
    """Move an incomplete last frame (a power cut mid-append) to a side file; bytes moved."""
    data = Path(path).read_bytes()
    parsed = parse(data)
    if not parsed.torn_bytes:
        return 0
    side = Path(path).with_name(f"{Path(path).name}.torn-{parsed.torn_offset}")
    atomic_write(side, data[parsed.torn_offset :])
    with open(path, "r+b") as fh:
        fh.truncate(parsed.torn_offset)
        os.fsync(fh.fileno())
    log.warning("inbox: incomplete last record (%d bytes) kept in %s", parsed.torn_bytes, side)
    return parsed.torn_bytes


def pending_records(path: Path) -> int:
    """How many records the inbox file holds (0 when there is none); no key needed."""
    path = Path(path)
    if not path.exists() or path.stat().st_size <= HEADER.size:
        return 0
    return len(parse(path.read_bytes()).frames)


def _torn(size: int) -> InboxDamagedError:
    return InboxDamagedError(
        f"受信箱の最後のレコードが途中で切れています / the last inbox record is incomplete "
        f"({size} bytes, likely a power cut while writing); nothing was merged. "
        "Run `ringdesk vault unlock-test --keep-torn` to set it aside and merge the rest"
    )


def _report(message: str) -> None:
    """Log and audit a damaged inbox (the audit row is the tamper report; no data changes)."""
    from appliance.core import audit
    from appliance.core.actor import Actor
    from appliance.db.models import AuditLog

    log.warning("sealed inbox refused: %s", message)
    with AuditLog._meta.database.atomic():
        audit.record(Actor.system("vault"), "vault", None, "inbox_refused", None, {"why": message})


@dataclass(frozen=True)
class MergeReport:
    """What a merge did: records applied now, records already applied before a crash."""

    applied: int
    skipped: int


def merge_inbox(path: Path, private: X25519PrivateKey, handler: Handler) -> MergeReport:
    """Apply every record in order, in batches committed together with their progress mark;
    then remove the file. Run on the db thread. Authenticates all before applying any."""
    from appliance.db.models import Setting

    path = Path(path)
    if not path.exists():
        return MergeReport(0, 0)
    try:
        parsed = parse(path.read_bytes())
        if parsed.torn_bytes:
            raise _torn(parsed.torn_bytes)
        records = open_frames(parsed, private)
    except InboxDamagedError as exc:
        _report(str(exc))
        raise
    key = PROGRESS_PREFIX + parsed.header.file_id.hex()
    db = Setting._meta.database
    row = Setting.get_or_none(Setting.key == key)
    done = int(row.value) if row is not None else 0
    todo = [r for r in records if r.seq > done]
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        with db.atomic():  # the records and their progress mark commit together, or not at all
            for record in batch:
                handler(record)
            Setting.insert(key=key, value=str(batch[-1].seq)).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: str(batch[-1].seq)}
            ).execute()
    applied = len(todo)
    path.unlink()
    fsync_dir(path.parent)
    Setting.delete().where(Setting.key == key).execute()
    log.info("inbox merged: %d applied, %d already applied", applied, min(done, len(records)))
    return MergeReport(applied, min(done, len(records)))
