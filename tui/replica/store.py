"""The desk's encrypted replica of the box: a SQLCipher file under the desk's data dir.

File format (read by `ringdesk restore --from-replica`, keep both in step):
  rows(tbl TEXT, id INTEGER, owner INTEGER, seq INTEGER, data TEXT NULL, PRIMARY KEY(tbl, id))
    one box row as JSON (audit.row_to_dict), data NULL for a row deleted on the box; seq is the
    audit seq of the change that wrote it.
    owner: the customer id a row belongs to (the CHILD_OWNER key for child tables).
  meta(key TEXT PRIMARY KEY, value TEXT): 'seq' (changes applied up to), 'seq_at' (box time
  of that audit row), 'synced_at' (desk time of the last successful pull), 'complete' ('1' once
  the first full copy is in), 'schema' (SCHEMA_VERSION; none: a replica from before it).
  search(customer_id INTEGER PRIMARY KEY, text TEXT) and its trigram index search_tri: the
  offline search's folded text, derived from rows alone (tui/replica/search.py); a restore
  ignores both.
Changes apply idempotently by seq: a page at or below the stored seq changes nothing. Opening a
replica of an older schema upgrades it in place (no new copy from the box)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from tui.replica import search

FILE = "replica.db"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rows (tbl TEXT NOT NULL, id INTEGER NOT NULL, owner INTEGER,"
    " seq INTEGER NOT NULL, data TEXT, PRIMARY KEY (tbl, id))",
    "CREATE INDEX IF NOT EXISTS rows_owner ON rows (tbl, owner)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
# 2: the search table, and owners of rows the first replicas wrote without one (notes);
# 3: its trigram index; 4: names, readings and companies also without their spaces.
# Changing what the search text holds or how it is folded needs a new version (a rebuild).
SCHEMA_VERSION = "4"
WRITE_WAIT_S = 60.0
CHILD_OWNER = {
    "phone": "customer",
    "email": "customer",
    "address": "customer",
    "customer_tag": "customer",
    "custom_field_value": "customer",
    "order_item": "order",
}


class ReplicaError(Exception):
    """The replica file cannot be opened (wrong key, damaged, locked, disk full...)."""

    def __init__(self, message: str, *, wrong_key: bool = False) -> None:
        super().__init__(message)
        self.wrong_key = wrong_key  # the key does not open the file (SQLITE_NOTADB)


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
            # another process's upgrade or first-copy rebuild holds the write lock for seconds
            self._db = sqlcipher.connect(
                str(self.path), timeout=WRITE_WAIT_S, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA cipher_log_level = NONE")
            self._db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            for sql in SCHEMA:
                self._db.execute(sql)
            self._upgrade()
        except sqlcipher.DatabaseError as exc:
            raise ReplicaError(
                f"複製を開けません / cannot open the replica {path}: {exc}",
                wrong_key=getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB",
            ) from None
        self.path.chmod(0o600)

    def _upgrade(self) -> None:
        """Bring an older replica (or a new empty one) to SCHEMA_VERSION, once."""
        if self.meta("schema") == SCHEMA_VERSION:
            return
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")  # another desk process may be doing it too
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row and row[0] == SCHEMA_VERSION:
                return
            others = tuple(CHILD_OWNER)
            self._db.execute(
                "UPDATE rows SET owner = json_extract(data, '$.customer') WHERE owner IS NULL"
                f" AND data IS NOT NULL AND tbl NOT IN ({','.join('?' * len(others))})"
                " AND json_extract(data, '$.customer') IS NOT NULL",
                others,
            )
            for sql in search.CREATE:
                self._db.execute(sql)
            search.rebuild(self._db)
            self._set(schema=SCHEMA_VERSION)

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
        self._db.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items())
        )

    # writing --------------------------------------------------------------------------

    def _put(self, rows: list[dict[str, Any]], seq: int) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO rows (tbl, id, owner, seq, data) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    r["table"],
                    int(r["id"]),
                    _owner(r["table"], r["data"]),
                    seq,
                    None if r["data"] is None else json.dumps(r["data"], ensure_ascii=False),
                )
                for r in rows
            ],
        )

    def clear(self) -> None:
        """Forget everything (a first copy that broke off starts again from nothing)."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM rows")
            search.clear(self._db)
            self._db.execute("DELETE FROM meta WHERE key != 'schema'")

    def load_page(self, rows: list[dict[str, Any]], seq: int) -> None:
        """Rows of a fresh copy (table pages), stamped with the box's seq when it began; the
        search table follows in finish_copy (a customer's phones, emails and addresses come in
        later pages, and nothing reads a copy before it is complete)."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._put(rows, seq)

    def finish_copy(self, seq: int) -> None:
        """The fresh copy is in, searchable: follow changes after `seq` from now on."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            search.rebuild(self._db)
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
            touched = search.touched(self._db, page["rows"])  # owners before the write
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
                if kept["table"] in search.CHILDREN:
                    touched.add(int(kept["owner"]))
            search.write(self._db, touched)
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
        """Live customers, lowest id first, whose folded name, reading, company, phone, email or
        address holds every term of `query` (folded as the box's search folds it)."""
        ids, params = search.ids_sql(query)
        return self._rows(
            f"SELECT data FROM rows WHERE tbl = 'customer' AND id IN ({ids}) ORDER BY id",
            (*params, limit),
        )

    def _live(self, table: str, customer_id: int, order: str, limit: int = -1) -> list[Any]:
        return self._rows(
            # without INDEXED BY the planner walks every row of the table in id order
            "SELECT data FROM rows INDEXED BY rows_owner WHERE tbl = ? AND owner = ?"
            " AND data IS NOT NULL AND json_extract(data, '$.deleted_at') IS NULL"
            f" ORDER BY id {order} LIMIT ?",
            (table, customer_id, limit),
        )

    def card(self, customer_id: int) -> dict[str, Any] | None:
        """A live customer with live phones, emails, addresses and 20 newest notes, or None."""
        found = self._rows(
            "SELECT data FROM rows WHERE tbl = 'customer' AND id = ? AND data IS NOT NULL",
            (customer_id,),
        )
        if not found or found[0].get("deleted_at") is not None:
            return None
        out = dict(found[0])
        for table, key in (("phone", "phones"), ("email", "emails"), ("address", "addresses")):
            out[key] = self._live(table, customer_id, "ASC")
        out["notes"] = self._live("note", customer_id, "DESC", 20)
        return out


def open_replica(data_dir: Path, key: bytes) -> Replica:
    """The replica under a desk's data dir."""
    return Replica(Path(data_dir) / FILE, key)


def remove_replica(data_dir: Path) -> None:
    """Delete the replica file and its WAL (its key is lost; the box fills a new one)."""
    for suffix in ("", "-wal", "-shm"):
        (Path(data_dir) / (FILE + suffix)).unlink(missing_ok=True)
