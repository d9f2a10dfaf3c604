"""Notes of the notes sheet, stored with the customers imported beside them (and in their
search rows, after the notes of the customers sheet, as a rebuild reads them back)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from appliance.core.importing.extra import NOTES_SHEET, NoteRow
from appliance.core.importing.records import Record, Rejected
from appliance.db.bulk import insert_rows
from appliance.db.connection import sql_datetime
from appliance.db.models import Note, utcnow
from appliance.db.search_index import IndexRow, with_more_other

_COLUMNS = ("customer", "body", "author_name", "pinned", "time_spent_s")


class SheetNotes:
    """The notes sheet by customer ref, written chunk by chunk with their customers."""

    def __init__(self, notes: Sequence[NoteRow]) -> None:
        self._by_ref: dict[str, list[NoteRow]] = defaultdict(list)
        for note in notes:
            self._by_ref[note.ref].append(note)
        self.written = 0

    def indexed(self, kept: list[tuple[Record, IndexRow]]) -> list[tuple[Record, IndexRow]]:
        """The kept records' index rows with their sheet notes' text added."""
        if not self._by_ref:
            return kept
        return [
            (rec, with_more_other(row, [n.body for n in self._by_ref.get(rec.ref, ())]))
            if rec.ref
            else (rec, row)
            for rec, row in kept
        ]

    def write(self, ids: Sequence[int], records: Sequence[Record]) -> None:
        """Store the sheet notes of just-written records."""
        now = sql_datetime(utcnow())
        rows: list[tuple[Any, ...]] = []
        for cid, rec in zip(ids, records, strict=True):
            if not rec.ref or rec.ref not in self._by_ref:
                continue
            for note in self._by_ref[rec.ref]:
                at = sql_datetime(note.written_at) if note.written_at else now
                rows.append((cid, note.body, note.author, note.pinned, note.seconds, at, at, 1))
        insert_rows(
            Note,
            [*_COLUMNS, "created_at", "updated_at", "version"],
            rows,
        )
        self.written += len(rows)

    def unplaced(self, refs: Collection[str]) -> list[tuple[str, Rejected]]:
        """Notes whose customer id is not in the customers sheet (refs: the ids it holds)."""
        out: list[tuple[str, Rejected]] = []
        for ref, notes in self._by_ref.items():
            if ref in refs:
                continue
            why = f"顧客ID {ref} の顧客がいません / no customer {ref} in the file"
            out.extend((NOTES_SHEET, Rejected(n.row, why)) for n in notes)
        return sorted(out, key=lambda item: item[1].row)
