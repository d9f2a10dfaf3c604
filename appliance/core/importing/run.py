"""The import use case: check every row and write them all in one transaction, or none."""

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
from appliance.core.importing.checking import Checked, EarlyChecker, checked_chunks
from appliance.core.importing.mapping import apply_overrides, guess_mapping
from appliance.core.importing.reading import Sheet, read_sheet
from appliance.core.importing.records import Record, Rejected
from appliance.core.importing.writing import index_rows, write_records
from appliance.db import search_index
from appliance.db.bulk import analyze, big_cache, paused_gc
from appliance.db.models import Customer, Phone
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

    @property
    def committed(self) -> bool:
        """True when customers were written."""
        return bool(self.imported_ids)

    @property
    def to_import(self) -> int:
        """Rows that pass every check and are not duplicates."""
        return self.total_rows - len(self.rejected) - len(self.duplicates)


def _phone_key(record: Record, i: int) -> str:
    p = record.phones[i]
    return p.e164 or p.national


def _existing_phones() -> dict[str, list[tuple[str, str]]]:
    """Phone key -> [(who, folded name)] for every live customer's live phones."""
    rows: Any = (
        Phone.select(Phone.e164, Phone.national, _CUSTOMER_ID, Customer.display_name)
        .join(Customer)
        .where(Phone.deleted_at.is_null() & Customer.deleted_at.is_null())
        .tuples()
    )
    known: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e164, national, cid, name in rows:
        known[e164 or national].append((f"customer {cid}", fold(name)))
    return known


def _split_duplicates(
    checked: list[tuple[Record, IndexRow]],
    report: ImportReport,
    known: dict[str, list[tuple[str, str]]],
) -> list[tuple[Record, IndexRow]]:
    """Drop rows whose phone and name match a customer or an earlier row (known: phone key ->
    owners, as _existing_phones gives, grown by each row kept); note shared numbers."""
    keep: list[tuple[Record, IndexRow]] = []
    for item in checked:
        rec = item[0]
        name = rec.name_key
        dup = None
        for i in range(len(rec.phones)):
            owners = known.get(_phone_key(rec, i), [])
            same = next((who for who, owner in owners if owner == name), None)
            if same:
                dup = Duplicate(rec.row, rec.name, rec.phone_raw[i], same)
                break
            if owners:
                report.shared_numbers.append((rec.row, rec.phone_raw[i]))
        if dup:
            report.duplicates.append(dup)
            continue
        for i in range(len(rec.phones)):
            known[_phone_key(rec, i)].append((f"row {rec.row}", name))
        keep.append(item)
    return keep


def import_sheet(
    sheet: Sheet,
    *,
    mapping: Sequence[str] | None = None,
    region: str = "JP",
    dry_run: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
    source: str = "",
    early: EarlyChecker | None = None,
) -> ImportReport:
    """Check all rows; when none is rejected and not a dry run, write them in one transaction
    with one audit row naming the file and the customer ids created.

    early: the checker that heard the rows while the file was read (import_file).
    Rows are written chunk by chunk while later chunks are still being checked; the first
    rejected row stops the writing, and the transaction is rolled back at the end unless
    every row passed."""
    fields = list(mapping) if mapping is not None else guess_mapping(sheet.headers)
    report = ImportReport(sheet.headers, fields, sheet.encoding, len(sheet.rows), dry_run=dry_run)
    db = database_proxy.obj
    heard = early.chunks_for(sheet.rows, fields) if early else None
    with closing(heard or checked_chunks(sheet.rows, fields, region)) as chunks:
        if dry_run:
            _consume(chunks, report, _existing_phones(), None, progress)
            return report
        with big_cache(), db.atomic() as transaction:
            with search_index.bulk_writes(db):
                _consume(chunks, report, _existing_phones(), report.imported_ids, progress)
            ids = report.imported_ids
            if report.rejected or not ids:
                transaction.rollback()  # nothing half-imported: undo the chunks written
                ids.clear()
                return report
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
                },
            )
    analyze()
    return report


def _consume(
    chunks: Iterator[list[Checked]],
    report: ImportReport,
    known: dict[str, list[tuple[str, str]]],
    written: list[int] | None,
    progress: Progress | None,
) -> None:
    """Sort each chunk into rejected, duplicate and kept rows; write the kept ones (written:
    their new ids, None for a dry run) as long as no row has been rejected."""
    total, done = report.total_rows, 0
    for chunk in chunks:
        kept: list[tuple[Record, IndexRow]] = []
        for result in chunk:
            if isinstance(result, Rejected):
                report.rejected.append(result)
            else:
                kept.append(result)
        kept = _split_duplicates(kept, report, known)
        if written is not None and kept and not report.rejected:
            ids = write_records([rec for rec, _ in kept])
            search_index.write_rows(
                database_proxy.obj, index_rows(ids, kept), replace=False, bulk=False
            )
            written.extend(ids)
        done += len(chunk)
        if progress:
            progress(done, total)


def import_file(
    path: Path,
    *,
    overrides: Sequence[str] = (),
    region: str = "JP",
    dry_run: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> ImportReport:
    """Read path, guess the mapping, apply --map overrides and import (see import_sheet)."""
    with paused_gc(), closing(EarlyChecker(overrides, region)) as early:
        sheet = read_sheet(path, early)  # a big .xlsx's rows are checked while it is read
        mapping = apply_overrides(sheet.headers, guess_mapping(sheet.headers), overrides)
        return import_sheet(
            sheet,
            mapping=mapping,
            region=region,
            dry_run=dry_run,
            progress=progress,
            actor=actor,
            source=path.name,
            early=early,
        )
