"""The replica's search table: one row of folded text per live customer, kept with the rows.

  search(customer_id INTEGER PRIMARY KEY, text TEXT NOT NULL)
    the contract's fold of the customer's name, reading and company (each also without its
    spaces: name_texts), department and title, and of
    their live phones (national digits, E.164 digits, as entered), emails and addresses (postal
    code with and without its hyphen, the address as one string, delivery notes), one part a
    line so no match spans two parts.
  search_tri: a contentless FTS5 trigram index of that text (rowid = customer id).
A query term of 3 or more characters is found through search_tri (no scan, even when nothing
matches); shorter ones (1- and 2-character Japanese terms) with instr() over the text, in id
order, so LIMIT stops the scan early.

Built from the rows table alone (so idempotent, whatever order rows arrive in): write() in the
transaction that applies a change page, rebuild() in the one that completes a first copy or
upgrades an older replica."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from appliance.contract.search_keys import (
    address_texts,
    fold,
    name_texts,
    phone_texts,
    query_terms,
    term_variants,
)

CREATE = (
    "CREATE TABLE IF NOT EXISTS search (customer_id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_tri USING fts5(text, content='',"
    " contentless_delete=1, tokenize='trigram')",
)
# The child tables whose rows are part of their customer's text (rows.owner = customer id).
CHILDREN = ("phone", "email", "address")
_ADDRESS_KEYS = ("postal_code", "prefecture", "city", "line1", "line2", "delivery_notes")
_CHUNK = 500  # ids per IN (...) list


def _parts(customer: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> list[str]:
    names = (str(customer.get(k) or "") for k in ("display_name", "reading", "company"))
    parts = [*name_texts(*names), customer.get("department"), customer.get("title")]
    for p in children["phone"]:
        national, entered = str(p.get("national") or ""), str(p.get("entered") or "")
        parts += phone_texts(p.get("e164"), national, entered)
    parts += [e.get("address") for e in children["email"]]
    for a in children["address"]:
        parts += address_texts(*(str(a.get(k) or "") for k in _ADDRESS_KEYS))
    return [f for f in (fold(str(p)) for p in parts if p) if f]


def text_of(customer: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> str:
    """The search text of a customer row with its child rows (live or not: dead ones left out)."""
    live = {t: [r for r in children.get(t, []) if r.get("deleted_at") is None] for t in CHILDREN}
    return "\n".join(_parts(customer, live))


def _in(values: Sequence[object]) -> str:
    return f"({','.join('?' * len(values))})"


def write(db: Any, customer_ids: Iterable[int], *, fresh: bool = False) -> None:
    """Rebuild the search rows of these customers from the rows table (gone or deleted: none);
    fresh: the tables hold none of them (a contentless delete leaves a tombstone regardless)."""
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found = db.execute(
            "SELECT id, data FROM rows WHERE tbl = 'customer' AND id IN"
            f" {_in(chunk)} AND data IS NOT NULL",
            chunk,
        ).fetchall()
        live = {
            int(i): c
            for i, c in ((i, json.loads(d)) for i, d in found)
            if c.get("deleted_at") is None
        }
        children: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        if live:
            owners = sorted(live)
            for tbl, owner, data in db.execute(
                "SELECT tbl, owner, data FROM rows INDEXED BY rows_owner"
                f" WHERE tbl IN {_in(CHILDREN)} AND owner IN"
                f" {_in(owners)} AND data IS NOT NULL ORDER BY tbl, owner, id",
                (*CHILDREN, *owners),
            ):
                children[int(owner)][tbl].append(json.loads(data))
        if not fresh:
            db.execute(f"DELETE FROM search WHERE customer_id IN {_in(chunk)}", chunk)
            db.execute(f"DELETE FROM search_tri WHERE rowid IN {_in(chunk)}", chunk)
        texts = [(cid, text_of(c, children[cid])) for cid, c in live.items()]
        db.executemany("INSERT INTO search (customer_id, text) VALUES (?, ?)", texts)
        db.executemany("INSERT INTO search_tri (rowid, text) VALUES (?, ?)", texts)


def clear(db: Any) -> None:
    """Empty both tables."""
    db.execute("DELETE FROM search")
    db.execute("INSERT INTO search_tri (search_tri) VALUES ('delete-all')")


def rebuild(db: Any) -> int:
    """Build the whole table again from the rows table; returns how many customers it holds."""
    clear(db)
    ids = [
        int(i)
        for (i,) in db.execute("SELECT id FROM rows WHERE tbl = 'customer' AND data IS NOT NULL")
    ]
    write(db, ids, fresh=True)
    return int(db.execute("SELECT count(*) FROM search").fetchone()[0])


def touched(db: Any, rows: Sequence[dict[str, Any]]) -> set[int]:
    """Customers whose search rows these incoming rows change: the customers themselves, and
    the owners of child rows before and after (a phone moved to another customer, or gone)."""
    out = {int(r["id"]) for r in rows if r["table"] == "customer"}
    for tbl in CHILDREN:
        mine = [r for r in rows if r["table"] == tbl]
        out.update(
            int(r["data"]["customer"])
            for r in mine
            if r["data"] is not None and r["data"].get("customer") is not None
        )
        ids = [int(r["id"]) for r in mine]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found = db.execute(
                f"SELECT owner FROM rows WHERE tbl = ? AND id IN {_in(chunk)}", (tbl, *chunk)
            )
            out.update(int(o) for (o,) in found if o is not None)  # in SQL it picks rows_owner
    return out


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def ids_sql(query: str) -> tuple[str, list[str]]:
    """SQL (its last parameter: the limit, to be appended) for the ids, lowest first, of the
    customers whose text holds every space-separated folded term of `query` (a phone-like term
    also as its bare digits); every customer for an empty query."""
    terms = query_terms(query)
    short = [term_variants(t) for t in terms if len(t) < 3]  # a bare form is longer than 3
    scan = (
        " AND ".join("(" + " OR ".join(["instr(s.text, ?) > 0"] * len(v)) + ")" for v in short)
        or "1"
    )
    params = [p for v in short for p in v]
    long = [term_variants(t) for t in terms if len(t) >= 3]
    if not long:
        return f"SELECT customer_id FROM search s WHERE {scan} ORDER BY customer_id LIMIT ?", params
    match = " AND ".join("(" + " OR ".join(map(_phrase, v)) + ")" for v in long)
    if not short:
        return (
            "SELECT rowid FROM search_tri WHERE search_tri MATCH ? ORDER BY rowid LIMIT ?",
            [match],
        )
    return (
        "SELECT t.rowid FROM search_tri t JOIN search s ON s.customer_id = t.rowid"
        f" WHERE t.search_tri MATCH ? AND {scan} ORDER BY t.rowid LIMIT ?",
        [match, *params],
    )
