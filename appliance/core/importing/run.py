"""The import use case: check every row, then write all of them in one transaction or none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.importing.mapping import apply_overrides, guess_mapping
from appliance.core.importing.reading import Sheet, read_sheet
from appliance.core.importing.records import Record, Rejected, build_record
from appliance.core.importing.writing import record_docs, write_records
from appliance.core.normalize import fold
from appliance.db import search
from appliance.db.bulk import analyze, big_cache
from appliance.db.models import Customer, Phone
from appliance.db.models.base import database_proxy

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


def _split_duplicates(records: list[Record], report: ImportReport) -> list[Record]:
    """Drop rows whose phone and name match a customer or an earlier row; note shared numbers."""
    known = _existing_phones()
    keep: list[Record] = []
    for rec in records:
        name = fold(rec.name)
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
        keep.append(rec)
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
) -> ImportReport:
    """Check all rows; when none is rejected and not a dry run, write them in one transaction
    with one audit row naming the file and the customer ids created."""
    fields = list(mapping) if mapping is not None else guess_mapping(sheet.headers)
    report = ImportReport(sheet.headers, fields, sheet.encoding, len(sheet.rows), dry_run=dry_run)
    records: list[Record] = []
    total = len(sheet.rows)
    for done, (row, cells) in enumerate(sheet.rows, start=1):
        result = build_record(row, cells, fields, region)
        if isinstance(result, Rejected):
            report.rejected.append(result)
        else:
            records.append(result)
        if progress and (done % 1000 == 0 or done == total):
            progress(done, total)
    records = _split_duplicates(records, report)
    if report.rejected or dry_run or not records:
        return report
    with big_cache(), database_proxy.obj.atomic():
        report.imported_ids = write_records(records)
        search.index_new_docs(record_docs(report.imported_ids, records))
        ids = report.imported_ids
        audit.record(
            actor or Actor.system(), "customer", None, "import",
            after={"source": source, "customers": len(ids), "first_id": ids[0], "last_id": ids[-1],
                   "duplicates_skipped": len(report.duplicates)},
        )  # fmt: skip
    analyze()
    return report


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
    sheet = read_sheet(path)
    mapping = apply_overrides(sheet.headers, guess_mapping(sheet.headers), overrides)
    return import_sheet(
        sheet, mapping=mapping, region=region, dry_run=dry_run, progress=progress,
        actor=actor, source=path.name,
    )  # fmt: skip
