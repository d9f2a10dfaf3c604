"""The desk's encrypted replica of the box: a SQLCipher file under the desk's data dir.

File format (read by `ringdesk restore --from-replica`, keep both in step):
  rows(tbl TEXT, id INTEGER, owner INTEGER, seq INTEGER, data TEXT NULL, PRIMARY KEY(tbl, id))
    one box row as JSON (audit.row_to_dict), data NULL for a row deleted on the box; seq is the
    audit seq of the change that wrote it.
  meta(key TEXT PRIMARY KEY, value TEXT): 'seq' (changes applied up to), 'seq_at' (box time
  of that audit row), 'synced_at' (desk time of the last successful pull), 'complete' ('1' once
  the first full copy is in).
Changes apply idempotently by seq: a page at or below the stored seq changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

FILE = "replica.db"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rows (tbl TEXT NOT NULL, id INTEGER NOT NULL, owner INTEGER,"
    " seq INTEGER NOT NULL, data TEXT, PRIMARY KEY (tbl, id))",
    "CREATE INDEX IF NOT EXISTS rows_owner ON rows (tbl, owner)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
CHILD_OWNER = {"phone": "customer", "email": "customer", "address": "customer",
               "customer_tag": "customer", "custom_field_value": "customer",
               "order_item": "order"}  # fmt: skip


class ReplicaError(Exception):
    """The replica file cannot be opened (wrong key, damaged)."""


def _owner(table: str, data: dict[str, Any] | None) -> int | None:
    fk = CHILD_OWNER.get(table, "customer")  # any row of a customer's, for erasure sets
    value = data.get(fk) if data is not None else None
    return int(value) if value is not None else None


class Replica:
    """One replica file; every method is safe from any thread (one lock, short transactions)."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlcipher.connect(str(self.path), isolation_level=None,
                                         check_same_thread=False)  # fmt: skip
            self._db.execute("PRAGMA cipher_log_level = NONE")
            self._db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            for sql in SCHEMA:
                self._db.execute(sql)
        except sqlcipher.DatabaseError as exc:
            raise ReplicaError(
                f"複製を開けません / cannot open the replica {path}: {exc}") from None
        self.path.chmod(0o600)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    # state ----------------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        """One meta value."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    @property
    def seq(self) -> int:
        """The audit seq the replica holds every change up to."""
        return int(self.meta("seq", "0"))

    @property
    def complete(self) -> bool:
        """True once the first full copy of the box is in."""
        return self.meta("complete") == "1"

    def _set(self, **values: str) -> None:
        self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             list(values.items()))  # fmt: skip

    # writing --------------------------------------------------------------------------

    def _put(self, rows: list[dict[str, Any]], seq: int) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO rows (tbl, id, owner, seq, data) VALUES (?, ?, ?, ?, ?)",
            [(r["table"], int(r["id"]), _owner(r["table"], r["data"]), seq,
              None if r["data"] is None else json.dumps(r["data"], ensure_ascii=False))
             for r in rows],
        )  # fmt: skip

    def clear(self) -> None:
        """Forget everything (a first copy that broke off starts again from nothing)."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM rows")
            self._db.execute("DELETE FROM meta")

    def load_page(self, rows: list[dict[str, Any]], seq: int) -> None:
        """Rows of a fresh copy (table pages), stamped with the box's seq when it began."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._put(rows, seq)

    def finish_copy(self, seq: int) -> None:
        """The fresh copy is in: follow changes after `seq` from now on."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._set(seq=str(seq), complete="1")

    def apply(self, page: dict[str, Any]) -> int:
        """Apply one /changes page in one transaction; returns how many audit rows were new."""
        last = int(page["last_seq"])
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            row = self._db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
            held = int(row[0]) if row else 0
            if last <= held:
                return 0
            self._put(page["rows"], last)
            for kept in page["sets"]:
                ids = [int(i) for i in kept["ids"]]
                # the children no longer on the box become tombstones (an empty set: all of them)
                others = f" AND id NOT IN ({','.join('?' * len(ids))})" if ids else ""
                self._db.execute(
                    "UPDATE rows SET data = NULL, seq = ? WHERE tbl = ? AND owner = ?"
                    " AND data IS NOT NULL" + others,
                    (last, kept["table"], int(kept["owner"]), *ids),
                )
            audits = [r["data"] for r in page["rows"] if r["table"] == "audit_log" and r["data"]]
            new = sum(1 for a in audits if int(a["id"]) > held)
            values = {"seq": str(last), "synced_at": dt.datetime.now(dt.UTC).isoformat()}
            if audits:
                values["seq_at"] = str(max(audits, key=lambda a: int(a["id"]))["at"])
            self._set(**values)
            return new

    def touch(self) -> None:
        """Record a successful pull that brought nothing new."""
        with self._lock, self._db:
            self._set(synced_at=dt.datetime.now(dt.UTC).isoformat())

    # reading (the read-only desk) -------------------------------------------------------

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
        with self._lock:
            found = self._db.execute(sql, args).fetchall()
        return [json.loads(r[0]) for r in found]

    def customers(self, query: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """Live customers whose name or kana holds `query`, or one of whose numbers does."""
        every = self._rows("SELECT data FROM rows WHERE tbl = 'customer' AND data IS NOT NULL"
                           " ORDER BY id", ())  # fmt: skip
        live = [c for c in every if c.get("deleted_at") is None]
        if not query:
            return live[:limit]
        digits = "".join(ch for ch in query if ch.isdigit())
        phones = self._rows("SELECT data FROM rows WHERE tbl = 'phone' AND data IS NOT NULL", ())
        by_number = {int(p["customer"]) for p in phones
                     if digits and digits in "".join(ch for ch in str(p.get("national", ""))
                                                     if ch.isdigit())}  # fmt: skip
        q = query.casefold()
        return [c for c in live
                if c["id"] in by_number or q in str(c.get("display_name", "")).casefold()
                or q in str(c.get("reading", "")).casefold()][:limit]  # fmt: skip

    def card(self, customer_id: int) -> dict[str, Any] | None:
        """A customer with phones, emails, addresses and newest notes, or None."""
        found = self._rows("SELECT data FROM rows WHERE tbl = 'customer' AND id = ?"
                           " AND data IS NOT NULL", (customer_id,))  # fmt: skip
        if not found or found[0].get("deleted_at") is not None:
            return None
        out = dict(found[0])
        for table, key in (("phone", "phones"), ("email", "emails"), ("address", "addresses")):
            out[key] = self._rows("SELECT data FROM rows WHERE tbl = ? AND owner = ?"
                                          " AND data IS NOT NULL ORDER BY id",
                                          (table, customer_id))  # fmt: skip
        newest = self._rows("SELECT data FROM rows WHERE tbl = 'note' AND data IS NOT NULL"
                            " ORDER BY id DESC", ())  # fmt: skip
        notes = [n for n in newest
                 if n.get("customer") == customer_id and n.get("deleted_at") is None]
        out["notes"] = notes[:20]
        return out


def open_replica(data_dir: Path, key: bytes) -> Replica:
    """The replica under a desk's data dir."""
    return Replica(Path(data_dir) / FILE, key)


def remove_replica(data_dir: Path) -> None:
    """Delete the replica file and its WAL (its key is lost; the box fills a new one)."""
    for suffix in ("", "-wal", "-shm"):
        (Path(data_dir) / (FILE + suffix)).unlink(missing_ok=True)
