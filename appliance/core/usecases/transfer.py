"""Customers in and out for a desk (db thread): an export's bytes (audited), an upload's
preview with the guessed mapping, and its import with progress, all in memory (an upload is
never written to the box's disk in clear)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from appliance.contract.transfer import (
    IMPORT_FIELDS,
    ExportFormat,
    ImportColumn,
    ImportPreview,
    ImportResult,
    RowFix,
    RowProblem,
)
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.exporting import write_export
from appliance.core.importing.custom import definitions
from appliance.core.importing.mapping import guess_mapping
from appliance.core.importing.reading import read_sheet
from appliance.core.importing.run import ImportReport, import_file
from appliance.core.vcard.writing import write_vcards

_SAMPLES = 3
_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".vcf", ".vcard")


def _name(name: str) -> Path:
    """The upload's file name (only its suffix is used); InvalidInput for a type we do not read."""
    path = Path(Path(name).name or "upload")
    if path.suffix.lower() not in _SUFFIXES:
        raise InvalidInput(
            f"対応していない形式です / unsupported file type {path.suffix!r}: "
            "use .xlsx, .csv or .vcf"
        )
    return path


def export_bytes(
    actor: Actor, fmt: ExportFormat, version: str, sheets: Sequence[str]
) -> tuple[bytes, int]:
    """(the file, customers in it); audited "export" with the format, never the data."""
    sink = io.BytesIO()
    if fmt == "vcf":
        count = write_vcards(sink, version)
    else:
        count = write_export(sink, f".{fmt}", sheets=sheets)
    audit.record(
        actor,
        "customer",
        None,
        "export",
        after={"format": fmt if fmt != "vcf" else f"vcard {version}", "customers": count},
    )
    return sink.getvalue(), count


def preview(name: str, data: bytes) -> ImportPreview:
    """The file's columns, each with the field guessed for it and a few sample cells."""
    path = _name(name)
    sheet = read_sheet(path, data=data)
    mapping = guess_mapping(sheet.headers)
    columns = [
        ImportColumn(
            index=i,
            header=header,
            field=field,
            samples=[cells[i] for _, cells in sheet.rows[:_SAMPLES] if i < len(cells)],
        )
        for i, (header, field) in enumerate(zip(sheet.headers, mapping, strict=True))
    ]
    custom = [f"custom:{key}" for key in definitions()]
    extra = [c.field for c in columns if c.field.startswith("custom:") and c.field not in custom]
    return ImportPreview(
        name=path.name,
        encoding=sheet.encoding,
        rows=len(sheet.rows),
        columns=columns,
        fields=[*IMPORT_FIELDS, *custom, *extra],
    )


def run_import(
    actor: Actor,
    name: str,
    data: bytes,
    *,
    mapping: Sequence[str] = (),
    region: str = "JP",
    good_only: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import the upload with mapping (one field per column; empty: as guessed)."""
    path = _name(name)
    overrides = [f"{i + 1}={field}" for i, field in enumerate(mapping)]
    report = import_file(
        path,
        overrides=overrides,
        region=region.upper()[:2] or "JP",
        dry_run=dry_run,
        good_only=good_only,
        progress=progress,
        actor=actor,
        data=data,
    )
    return result_of(report)


def result_of(report: ImportReport) -> ImportResult:
    """The wire form of an import's report."""
    problems = [RowProblem(row=r.row, reason=r.reason) for r in report.rejected]
    problems += [RowProblem(row=r.row, reason=r.reason, sheet=s) for s, r in report.sheet_rejected]
    return ImportResult(
        rows=report.total_rows,
        imported=len(report.imported_ids),
        already_there=len(report.duplicates),
        would_import=report.to_import,
        problems=problems,
        fixes=[RowFix(row=row, fix=fix) for row, fix in report.fixes],
        shared_numbers=len(report.shared_numbers),
        notes_imported=report.notes_imported,
        mapping=list(report.mapping),
        dry_run=report.dry_run,
        good_only=report.good_only,
        committed=report.committed,
        ignored_sheets=list(report.ignored_sheets),
    )
