"""The search index tables: a trigram FTS5 for 3+ character terms, a gram FTS5 for 1–2."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from operator import add
from typing import Any, NamedTuple

from appliance.contract.search_keys import fold, query_terms, term_variants

# Both tables have two columns so that matches in names rank before matches elsewhere.
# search_gram holds every 1- and 2-character substring of the folded text as an ASCII token
# ("u7530", "u7530u4e2d"), because trigram FTS5 cannot answer queries shorter than 3.
CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_tri USING fts5(names, other, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_gram USING fts5("
    "names, other, tokenize='ascii', content='', contentless_delete=1, detail=column)",
)
DROP_SQL = ("DROP TABLE IF EXISTS search_tri", "DROP TABLE IF EXISTS search_gram")


class _Tokens(dict[str, str]):
    """Character -> its token ("田" -> "u7530"), filled as characters are first seen."""

    def __missing__(self, ch: str) -> str:
        tok = self[ch] = f"u{ord(ch):x}"
        return tok


# A space maps to no token: a pair that touches it joins to its other character's token, which
# the set already holds, so words split without splitting the text.
_TOKEN_CACHE = _Tokens({" ": ""})
# A bulk write (import, rebuild) keeps up to 64 MiB of terms pending instead of FTS5's 1 MiB:
# fewer, larger segments and less merging (100k simulated customers: 5.6 s -> 3.2 s of FTS5).
_BULK_DOCS = 5000
_BULK_HASHSIZE = 64 * 1024 * 1024
_DEFAULT_HASHSIZE = 1024 * 1024


@dataclass(frozen=True)
class SearchDoc:
    """The searchable text of one customer: names (name, reading, company) and the rest."""

    customer_id: int
    names: Sequence[str]
    other: Sequence[str]


def _tok(ch: str) -> str:
    return f"u{ord(ch):x}"


def gram_tokens(text: str) -> str:
    """Space-separated tokens for every distinct 1- and 2-character substring of each
    space-separated word of folded text."""
    # A 2-gram's token is its characters' tokens joined ("u" starts each one, so joining is
    # unambiguous): tokens per character once (map in C), pairs joined in C.
    chars = list(map(_TOKEN_CACHE.__getitem__, text))
    tokens = set(chars)
    tokens.update(map(add, chars, chars[1:]))
    tokens.discard("")
    return " ".join(tokens)


def fold_parts(parts: Iterable[str]) -> str:
    """Fold each non-empty part and join them with ' / ' so no substring spans two parts."""
    return " / ".join(f for f in (fold(p) for p in parts if p) if f)


class IndexRow(NamedTuple):
    """What one customer's rows in both tables hold: folded text and its gram tokens."""

    names: str
    other: str
    names_grams: str
    other_grams: str


def index_row(names: Sequence[str], other: Sequence[str]) -> IndexRow:
    """The index rows of a doc with these names and other parts."""
    folded_names, folded_other = fold_parts(names), fold_parts(other)
    return IndexRow(
        folded_names, folded_other, gram_tokens(folded_names), gram_tokens(folded_other)
    )


def with_more_other(row: IndexRow, more: Sequence[str]) -> IndexRow:
    """row with more parts after its other ones: index_row(names, [*other, *more])."""
    extra = fold_parts(more)
    if not extra:
        return row
    other = f"{row.other} / {extra}" if row.other else extra
    return row._replace(other=other, other_grams=gram_tokens(other))


def write_docs(db: Any, docs: Iterable[SearchDoc], *, replace: bool = True) -> int:
    """Write (replace=True: replace) the index rows of these customers; returns the count.

    replace=False is for customers known to be absent, e.g. just inserted: deleting from a
    contentless FTS5 table leaves a tombstone even for a row that was never there."""
    rows = [(doc.customer_id, index_row(doc.names, doc.other)) for doc in docs]
    return write_rows(db, rows, replace=replace)


def write_rows(
    db: Any, rows: Sequence[tuple[int, IndexRow]], *, replace: bool = True, bulk: bool | None = None
) -> int:
    """write_docs for rows already built; bulk (default: 5000+ rows) raises the FTS5 hash size
    for this write (pass False inside bulk_writes)."""
    if not rows:
        return 0
    if replace:
        remove_docs(db, [cid for cid, _ in rows])
    cur = db.cursor()
    big = len(rows) >= _BULK_DOCS if bulk is None else bulk
    with bulk_writes(db) if big else nullcontext():
        cur.executemany(
            "INSERT INTO search_tri(rowid, names, other) VALUES (?, ?, ?)",
            [(cid, r.names, r.other) for cid, r in rows],
        )
        cur.executemany(
            "INSERT INTO search_gram(rowid, names, other) VALUES (?, ?, ?)",
            [(cid, r.names_grams, r.other_grams) for cid, r in rows],
        )
    return len(rows)


@contextmanager
def bulk_writes(db: Any) -> Iterator[None]:
    """Keep 64 MiB of terms pending (not 1 MiB) while a bulk write runs, then restore it."""
    cur = db.cursor()
    _set_hashsize(cur, _BULK_HASHSIZE)
    try:
        yield
    finally:
        _set_hashsize(cur, _DEFAULT_HASHSIZE)


def _set_hashsize(cur: Any, size: int) -> None:
    """FTS5's pending-terms limit: past it a segment is flushed, and segments must be merged."""
    for table in ("search_tri", "search_gram"):
        cur.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (size,))


def remove_docs(db: Any, customer_ids: Sequence[int]) -> None:
    """Drop these customers from the index (deleted, or about to be rewritten)."""
    cur = db.cursor()
    rows = [(cid,) for cid in customer_ids]
    cur.executemany("DELETE FROM search_tri WHERE rowid = ?", rows)
    cur.executemany("DELETE FROM search_gram WHERE rowid = ?", rows)


def clear(db: Any) -> None:
    """Empty the index, before a full rebuild."""
    db.execute_sql("DELETE FROM search_tri")
    db.execute_sql("DELETE FROM search_gram")


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term_alternatives(term: str, column: str | None) -> dict[str, str]:
    """{table: FTS5 expression} whose union answers one term (3+ chars: trigram, else grams)."""
    by_table: dict[str, list[str]] = {}
    for v in term_variants(term):
        if len(v) >= 3:
            by_table.setdefault("search_tri", []).append(_phrase(v))
        else:
            by_table.setdefault("search_gram", []).append("".join(_tok(c) for c in v))
    prefix = "{" + column + "} : " if column else ""
    return {
        table: prefix + (parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
        for table, parts in by_table.items()
    }


def _in(table: str) -> str:
    return f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"


def query_ids(
    db: Any, query: str, limit: int, *, names_only: bool = False, exclude: Sequence[int] = ()
) -> list[int]:
    """Customer ids whose folded text contains every space-separated term, lowest id first."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    alternatives = [_term_alternatives(t, "names" if names_only else None) for t in terms]
    # The first single-table term drives the scan (FTS5 streams it lazily, so LIMIT stops it
    # early); the other terms become IN (...) filters.
    lead = next((i for i, alt in enumerate(alternatives) if len(alt) == 1), None)
    if lead is None:
        driver = "search_tri"
        sql, params = f"SELECT rowid FROM {driver} WHERE 1", []
    else:
        ((driver, expr),) = alternatives.pop(lead).items()
        sql, params = f"SELECT rowid FROM {driver} WHERE {driver} MATCH ?", [expr]
    for alt in alternatives:
        sql += " AND (" + " OR ".join(_in(table) for table in alt) + ")"
        params.extend(alt.values())
    if exclude:
        sql += f" AND rowid NOT IN ({','.join('?' * len(exclude))})"
        params.extend(str(i) for i in exclude)
    cur = db.execute_sql(sql + " LIMIT ?", [*params, limit])
    return [int(r[0]) for r in cur.fetchall()]
