"""Customers in and out from a desk: the export formats, an import's preview (columns with
the guessed field of each), its progress and its result, row by row."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

ExportFormat = Literal["xlsx", "csv", "vcf"]
EXPORT_SHEETS = ("notes", "orders", "calls")
# What a column can feed, as the desk offers it (custom:KEY for each custom field too).
IMPORT_FIELDS = (
    "ref",
    "kind",
    "name",
    "family_name",
    "given_name",
    "reading",
    "company",
    "department",
    "title",
    "gender",
    "birth_date",
    "birthplace",
    "occupation",
    "interests",
    "household",
    "income_band",
    "vip",
    "caution",
    "caution_note",
    "blocked",
    "phone",
    "phone_label",
    "email",
    "email_label",
    "address_label",
    "country",
    "postal_code",
    "prefecture",
    "city",
    "address",
    "line2",
    "delivery_notes",
    "lat",
    "lon",
    "note",
    "tags",
    "tag_lines",
    "ignore",
)
IMPORT_MAX_BYTES = 64 * 1024 * 1024  # an upload of a file to import (100k customers fit)


class ImportColumn(BaseModel):
    """One column of the file: its header, the field guessed for it, a few sample cells."""

    index: int  # 0-based
    header: str
    field: str
    samples: list[str]


class ImportPreview(BaseModel):
    """What the box read from a file before importing it."""

    name: str
    encoding: str | None
    rows: int
    columns: list[ImportColumn]
    fields: list[str]  # every field a column may be given (IMPORT_FIELDS, custom:KEY ...)


class RowProblem(BaseModel):
    """A row left out, with why (sheet is '' for the customers sheet)."""

    row: int
    reason: str
    sheet: str = ""


class RowFix(BaseModel):
    """A cell mended on the way in (a number Excel mangled), in words."""

    row: int
    fix: str


class ImportResult(BaseModel):
    """What an import did (or, dry run or refused, would do)."""

    rows: int
    imported: int
    already_there: int  # rows matched to customers the box has
    would_import: int
    problems: list[RowProblem]
    fixes: list[RowFix]
    shared_numbers: int
    notes_imported: int
    mapping: list[str]
    dry_run: bool
    good_only: bool
    committed: bool
    ignored_sheets: list[str]


class ImportProgress(BaseModel):
    """One line of an import's stream: progress, then the result (or the error)."""

    done: int = 0
    total: int = 0
    result: ImportResult | None = None
    error: str = ""
