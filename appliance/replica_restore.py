"""Restore a box from a desk replica: alone, or on top of a restored snapshot (db thread).

The replica is the SQLCipher file tui/replica/store.py writes (rows(tbl, id, owner, seq, data));
the box reads it with the desk's replica key. Rows carry the audit seq of the change that
wrote them, so on top of a snapshot whose audit log ends at S only rows with seq > S apply."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.audit import ChainVerdict, verify_audit_chain
from appliance.core.changefeed import TABLES, WITHHELD, head
from appliance.db.models import ALL_MODELS, AuditLog, BaseModel, Recording, database_proxy

NO_KEY = "鍵は複製に含まれません / a replica holds no recording keys (restore a snapshot)"
WITHHELD_REASON = "desk replicas carry no secrets / 複製には秘密を含めません"


class ReplicaRestoreError(Exception):
    """The replica cannot be read, or what it holds does not fit the box."""


@dataclass
class ReplicaRestore:
    """What a restore from a replica did: seqs before/after, rows written and deleted."""

    base_seq: int
    replica_seq: int
    seq: int
    written: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    orphans: int = 0  # rows whose parent the box deleted (cascades write no audit row)
    chain: ChainVerdict | None = None


ReplicaRow = tuple[str, int, Any]  # table, id, the row as JSON (None: deleted on the box)


def read_replica(path: Path, key: bytes, *, after: int = -1) -> tuple[int, list[ReplicaRow]]:
    """(replica seq, [(table, id, data or None)]) of rows written after seq `after`."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from backups import sqlfile

    if not Path(path).is_file():
        raise ReplicaRestoreError(f"複製ファイルがありません / no replica file at {path}")
    try:
        conn = sqlfile.connect(Path(path), key)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("complete") != "1":
                raise ReplicaRestoreError(
                    f"複製が不完全です / the replica {path} never finished its first copy"
                )
            found = conn.execute(
                "SELECT tbl, id, data FROM rows WHERE seq > ? ORDER BY tbl, id", (after,)
            ).fetchall()
        finally:
            conn.close()
    except sqlcipher.DatabaseError as exc:
        raise ReplicaRestoreError(
            f"複製を読めません (鍵が違うか壊れています) / cannot read the replica {path} "
            f"(wrong key or damaged): {exc}"
        ) from None
    rows = [(str(t), int(i), json.loads(d) if d is not None else None) for t, i, d in found]
    return int(meta.get("seq", "0")), rows


def _value(f: peewee.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, peewee.DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(f, peewee.DateField):
        return dt.date.fromisoformat(value)
    if isinstance(f, peewee.BlobField):
        return bytes.fromhex(value)
    return value


def _columns(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    out = {
        name: _value(f, data.get(name)) for name, f in model._meta.fields.items() if name in data
    }
    for name in WITHHELD.get(str(model._meta.table_name), ()):  # never on a desk: blank
        out[name] = b"" if isinstance(model._meta.fields[name], peewee.BlobField) else ""
    return out


def _authorise_withheld(ids: list[int]) -> None:
    """Audit rows the stream sent blanked (they held secrets) get a redact row, so the chain
    verifies as it does after an erasure."""
    rows = AuditLog.select(AuditLog.id).where(
        AuditLog.id.in_(ids)
        & AuditLog.redacted_at.is_null(False)
        & AuditLog.before.is_null()
        & AuditLog.after.is_null()
    )
    allowed: set[int] = set()
    for row in AuditLog.select(AuditLog.after).where(AuditLog.action == "redact"):
        allowed.update(json.loads(row.after or "{}").get("ids", []))
    bare = sorted({int(r.id) for r in rows} - allowed)
    if bare:
        audit.redact(Actor.system("restore"), bare, WITHHELD_REASON)


def _drop_orphans(db: Any) -> int:
    """Rows pointing at parents the box deleted get what the box's own foreign key did then
    (CASCADE: gone, SET NULL: cleared), level by level; ReplicaRestoreError for any other."""
    fixed = 0
    while found := db.execute_sql("PRAGMA foreign_key_check").fetchall():
        for table, rowid, _parent, fkid in found:
            fks = {r[0]: r for r in db.execute_sql(f'PRAGMA foreign_key_list("{table}")')}
            column, on_delete = fks[fkid][3], str(fks[fkid][6]).upper()
            if on_delete == "CASCADE":
                db.execute_sql(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            elif on_delete == "SET NULL":
                db.execute_sql(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))
            else:
                raise ReplicaRestoreError(
                    f"複製の行の参照が壊れています / replica rows point at missing rows: "
                    f"{found[:3]}"
                )
        fixed += len(found)
    return fixed


def apply_replica(path: Path, key: bytes, *, fresh: bool) -> ReplicaRestore:
    """Write the replica into the open database; fresh: it replaces every replicated table,
    else only rows changed after this database's newest audit seq. The chain is checked."""
    from appliance.db import search

    base = 0 if fresh else head()
    replica_seq, rows = read_replica(path, key, after=-1 if fresh else base)
    if replica_seq <= base:  # the snapshot already holds everything the replica has
        return ReplicaRestore(base, replica_seq, base, chain=verify_audit_chain())
    by_table: dict[str, list[tuple[int, Any]]] = {}
    for table, row_id, data in rows:
        if table in TABLES:
            by_table.setdefault(table, []).append((row_id, data))
    report = ReplicaRestore(base, replica_seq, base)
    db = database_proxy.obj
    db.execute_sql("PRAGMA foreign_keys = OFF")  # parents and children arrive in table order
    try:
        with db.atomic():
            if fresh:
                for model in reversed(ALL_MODELS):
                    if model._meta.table_name in TABLES:
                        model.delete().execute()
            for model in ALL_MODELS:
                table = str(model._meta.table_name)
                gone = [i for i, d in by_table.get(table, []) if d is None]
                live = [_columns(model, d) for _, d in by_table.get(table, []) if d is not None]
                if gone:
                    report.deleted += model.delete().where(model.id.in_(gone)).execute()
                secret = ("id", *WITHHELD.get(table, ()))  # a snapshot's keys stay
                keep = [f for n, f in model._meta.fields.items() if n not in secret]
                for start in range(0, len(live), 200):
                    (
                        model.insert_many(live[start : start + 200])
                        .on_conflict(conflict_target=[model.id], preserve=keep)
                        .execute()
                    )
                if live:
                    report.written[table] = len(live)
            report.orphans = _drop_orphans(db)
            _authorise_withheld([i for i, d in by_table.get("audit_log", []) if d is not None])
            Recording.update(state="missing", problem=NO_KEY).where(
                Recording.file_key == b""
            ).execute()
            search.rebuild(db)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    report.seq = head()
    report.chain = verify_audit_chain()
    return report
