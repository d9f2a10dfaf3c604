"""The import use case: check every row, then write them all in one transaction, none, or
(good_only) the good ones, reporting the rest with their row numbers and reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.contract.search_keys import fold
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.importing import custom
from appliance.core.importing.checking import Checked, EarlyChecker, checked_chunks
from appliance.core.importing.columns import CUSTOM_PREFIX
from appliance.core.importing.extra import Extras, read_extras
from appliance.core.importing.mapping import CUSTOM, apply_overrides, columns, guess_mapping
from appliance.core.importing.notes import SheetNotes
from appliance.core.importing.reading import Sheet, read_sheet
from appliance.core.importing.records import Record, Rejected
from appliance.core.importing.writing import index_rows, write_records
from appliance.db import search_index
from appliance.db.bulk import analyze, big_cache, paused_gc
from appliance.db.models import Customer, Email, Phone
from appliance.db.models.base import database_proxy
from appliance.db.search_index import IndexRow

Progress = Callable[[int, int], None]
_CUSTOMER_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


@dataclass(frozen=True)
class Duplicate:
    """A row skipped because a customer with the same name and phone already exists."""

    row: int
    name: str
    phone: str
    existing: str  # "customer 12" or "row 5"


@dataclass
class ImportReport:
    """What an import did (or, dry run or rejected rows, would do)."""

    headers: list[str]
    mapping: list[str]
    encoding: str | None
    total_rows: int
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    shared_numbers: list[tuple[int, str]] = field(default_factory=list)
    imported_ids: list[int] = field(default_factory=list)
    dry_run: bool = False
    good_only: bool = False
    fixes: list[tuple[int, str]] = field(default_factory=list)  # (row, what was mended)
    sheet_rejected: list[tuple[str, Rejected]] = field(default_factory=list)
    notes_imported: int = 0
    fields_created: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)

    @property
    def committed(self) -> bool:
        """True when customers were written."""
        return bool(self.imported_ids)

    @property
    def to_import(self) -> int:
        """Rows that pass every check and are not duplicates."""
        return self.total_rows - len(self.rejected) - len(self.duplicates)

    @property
    def problems(self) -> int:
        """Rejected rows, in the customers sheet and the others."""
        return len(self.rejected) + len(self.sheet_rejected)


Known = dict[str, list[tuple[str, str]]]


class _Known:
    """Who is already in the box (or earlier in the file), to tell a row that is already
    there: by its export's customer id, by phone or by e-mail, always with the same name."""

    def __init__(self) -> None:
        self.phones: Known = defaultdict(list)
        self.emails: Known = defaultdict(list)
        rows: Any = (
            Phone.select(Phone.e164, Phone.national, _CUSTOMER_ID, Customer.display_name)
            .join(Customer)
            .where(Phone.deleted_at.is_null() & Customer.deleted_at.is_null())
            .tuples()
        )
        for e164, national, cid, name in rows:
            self.phones[e164 or national].append((f"customer {cid}", fold(name)))
        mails: Any = (
            Email.select(Email.address, _CUSTOMER_ID, Customer.display_name)
            .join(Customer)
            .where(Email.deleted_at.is_null() & Customer.deleted_at.is_null())
            .tuples()
        )
        for address, cid, name in mails:
            self.emails[address].append((f"customer {cid}", fold(name)))
        self._names: dict[str, str] | None = None

    def by_ref(self, ref: str) -> str | None:
        """The folded name of live customer number ref, or None."""
        if self._names is None:
            rows: Any = (
                Customer.select(_CUSTOMER_ID, Customer.display_name)
                .where(Customer.deleted_at.is_null())
                .tuples()
            )
            self._names = {str(cid): fold(name) for cid, name in rows}
        return self._names.get(ref)

    def match(self, rec: Record, report: ImportReport) -> Duplicate | None:
        """The customer (or earlier row) this record already is; notes shared numbers."""
        if rec.ref and self.by_ref(rec.ref) == rec.name_key:
            return Duplicate(rec.row, rec.name, "", f"customer {rec.ref}")
        for i, p in enumerate(rec.phones):
            owners = self.phones.get(p.e164 or p.national, [])
            same = next((who for who, owner in owners if owner == rec.name_key), None)
            if same:
                return Duplicate(rec.row, rec.name, rec.phone_raw[i], same)
            if owners:
                report.shared_numbers.append((rec.row, rec.phone_raw[i]))
        for address in rec.emails:
            owners = self.emails.get(address, [])
            same = next((who for who, owner in owners if owner == rec.name_key), None)
            if same:
                return Duplicate(rec.row, rec.name, address, same)
        return None

    def add(self, rec: Record) -> None:
        """Remember a kept row, so a later row that repeats it is a duplicate."""
        who = (f"row {rec.row}", rec.name_key)
        for p in rec.phones:
            self.phones[p.e164 or p.national].append(who)
        for address in rec.emails:
            self.emails[address].append(who)


def _custom_keys(headers: Sequence[str], fields: Sequence[str]) -> dict[str, str]:
    """Custom field key -> the label its column header gives it."""
    keys = {}
    for header, name in zip(headers, fields, strict=True):
        if name.startswith(CUSTOM):
            own = header.startswith(CUSTOM_PREFIX) and " " in header
            keys[name[len(CUSTOM) :]] = header.split(" ", 1)[1] if own else header
    return keys


def import_sheet(
    sheet: Sheet,
    *,
    mapping: Sequence[str] | None = None,
    region: str = "JP",
    dry_run: bool = False,
    good_only: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
    source: str = "",
    early: EarlyChecker | None = None,
    extras: Extras | None = None,
) -> ImportReport:
    """Check all rows; unless a dry run, write them in one transaction with one audit row
    naming the file and the customer ids created: every row when none is rejected, the good
    ones when good_only, else none.

    early: the checker that heard the rows while the file was read (import_file).
    extras: the file's other sheets (custom-field definitions, notes).
    Rows are written chunk by chunk while later chunks are still being checked; without
    good_only the first rejected row stops the writing, and the transaction is rolled back."""
    fields = list(mapping) if mapping is not None else guess_mapping(sheet.headers)
    extras = extras or Extras()
    report = ImportReport(
        sheet.headers,
        fields,
        sheet.encoding,
        len(sheet.rows),
        dry_run=dry_run,
        good_only=good_only,
        sheet_rejected=list(extras.rejected),
        ignored_sheets=list(extras.ignored_sheets),
    )
    cols = columns(sheet.headers, fields)
    db = database_proxy.obj
    heard = early.chunks_for(sheet.rows, cols) if early else None
    keys = _custom_keys(sheet.headers, fields)
    refs = {
        cells[i] for i, (name, _) in enumerate(cols) if name == "ref" for _, cells in sheet.rows
    }
    with closing(heard or checked_chunks(sheet.rows, cols, region)) as chunks:
        if dry_run:
            defs = _dry_definitions(keys, extras)
            consumer = _Consumer(report, defs, None, progress, extras)
            consumer.run(chunks)
            report.sheet_rejected.extend(consumer.notes.unplaced(refs))
            return report
        with big_cache(), db.atomic() as transaction:
            defs, report.fields_created = custom.ensure_definitions(keys, extras.fields)
            consumer = _Consumer(report, defs, report.imported_ids, progress, extras)
            with search_index.bulk_writes(db):
                consumer.run(chunks)
            report.sheet_rejected.extend(consumer.notes.unplaced(refs))
            ids = report.imported_ids
            if (report.problems and not good_only) or not ids:
                transaction.rollback()  # nothing half-imported: undo the chunks written
                ids.clear()
                report.fields_created = []
                return report
            report.notes_imported = consumer.notes.written
            audit.record(
                actor or Actor.system(),
                "customer",
                None,
                "import",
                after={
                    "source": source,
                    "customers": len(ids),
                    "first_id": ids[0],
                    "last_id": ids[-1],
                    "duplicates_skipped": len(report.duplicates),
                    "rows_rejected": report.problems,
                    "notes": report.notes_imported,
                },
            )
    analyze()
    return report


def _dry_definitions(keys: dict[str, str], extras: Extras) -> dict[str, custom.Definition]:
    """The definitions a dry run checks against: the box's, and the file's for new keys."""
    defs = custom.definitions()
    described = {d.key: d for d in extras.fields}
    for key in keys:
        if key not in defs:
            d = described.get(key)
            kind, choices = (d.field_type, frozenset(d.choices)) if d else ("text", frozenset())
            defs[key] = custom.Definition(0, key, kind, choices)
    return defs


class _Consumer:
    """Sorts checked chunks into rejected, duplicate and kept rows and writes the kept ones
    (written: their new ids, None for a dry run) while that is still wanted."""

    def __init__(
        self,
        report: ImportReport,
        defs: dict[str, custom.Definition],
        written: list[int] | None,
        progress: Progress | None,
        extras: Extras,
    ) -> None:
        self.report, self.defs, self.written, self.progress = report, defs, written, progress
        self.known = _Known()
        self.notes = SheetNotes(extras.notes)

    def run(self, chunks: Iterator[list[Checked]]) -> None:
        """Consume every chunk."""
        report, done = self.report, 0
        for chunk in chunks:
            kept: list[tuple[Record, IndexRow]] = []
            for result in chunk:
                if isinstance(result, Rejected):
                    report.rejected.append(result)
                    continue
                rec = result[0]
                problem = custom.check_values(rec, self.defs)
                if problem:
                    report.rejected.append(Rejected(rec.row, problem))
                    continue
                dup = self.known.match(rec, report)
                if dup:
                    report.duplicates.append(dup)
                    continue
                self.known.add(rec)
                report.fixes.extend((rec.row, fix) for fix in rec.fixes)
                kept.append(result)
            if self.written is not None and kept and (report.good_only or not report.rejected):
                self._write(kept)
            done += len(chunk)
            if self.progress:
                self.progress(done, report.total_rows)

    def _write(self, kept: list[tuple[Record, IndexRow]]) -> None:
        assert self.written is not None
        records = [rec for rec, _ in kept]
        ids = write_records(records)
        custom.write_values(ids, records, self.defs)
        self.notes.write(ids, records)
        search_index.write_rows(
            database_proxy.obj,
            index_rows(ids, self.notes.indexed(kept)),
            replace=False,
            bulk=False,
        )
        self.written.extend(ids)


def import_file(
    path: Path,
    *,
    overrides: Sequence[str] = (),
    region: str = "JP",
    dry_run: bool = False,
    good_only: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
    data: bytes | None = None,
) -> ImportReport:
    """Read path (or data, the bytes of a file of that name), guess the mapping, apply --map
    overrides and import (see import_sheet)."""
    with paused_gc(), closing(EarlyChecker(overrides, region)) as early:
        sheet = read_sheet(path, early, data)  # a big .xlsx's rows are checked while read
        mapping = apply_overrides(sheet.headers, guess_mapping(sheet.headers), overrides)
        return import_sheet(
            sheet,
            mapping=mapping,
            region=region,
            dry_run=dry_run,
            good_only=good_only,
            progress=progress,
            actor=actor,
            source=path.name,
            early=early,
            extras=read_extras(path, data),
        )
