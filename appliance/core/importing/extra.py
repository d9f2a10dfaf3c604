"""The .xlsx sheets beside the customers: custom-field definitions and notes (read back on
import), orders and calls (written for reading only). Each row names its customer by the
Customer ID column of the customers sheet."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from appliance.core.importing import values
from appliance.core.importing.records import Rejected
from appliance.core.importing.xlsx_cells import Source, Unsupported, read_xlsx_rows, sheet_names
from appliance.core.text import clean, clean_multiline

CUSTOMERS_SHEET = "顧客 Customers"
FIELDS_SHEET = "項目定義 Custom fields"
NOTES_SHEET = "メモ Notes"
ORDERS_SHEET = "注文 Orders"
CALLS_SHEET = "通話 Calls"
FIELD_HEADERS = ("キー Key", "名前 Label", "英語名 English label", "型 Type", "選択肢 Choices")
NOTE_HEADERS = (
    "顧客ID Customer ID",
    "日時 Written at (UTC)",
    "記入者 Author",
    "固定 Pinned",
    "所要秒 Seconds spent",
    "メモ Note",
)
ORDER_HEADERS = (
    "顧客ID Customer ID",
    "注文ID Order ID",
    "日時 Ordered at (UTC)",
    "経路 Channel",
    "状態 Status",
    "合計 Total",
    "通貨 Currency",
    "品目 Items",
    "備考 Note",
)
CALL_HEADERS = (
    "顧客ID Customer ID",
    "開始 Started at (UTC)",
    "方向 Direction",
    "回線 Line",
    "番号 Number",
    "状態 State",
    "秒数 Seconds",
    "結果 Disposition",
)
READ_ONLY_SHEETS = (ORDERS_SHEET, CALLS_SHEET)


@dataclass(frozen=True)
class FieldDef:
    """A custom field as the definitions sheet gives it."""

    key: str
    label: str
    label_en: str = ""
    field_type: str = "text"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteRow:
    """A note of the notes sheet, for the customer its ref names."""

    row: int
    ref: str
    written_at: dt.datetime | None
    author: str
    pinned: bool
    seconds: int
    body: str


@dataclass
class Extras:
    """What the extra sheets of a workbook hold (all empty for a .csv)."""

    fields: list[FieldDef] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    rejected: list[tuple[str, Rejected]] = field(default_factory=list)  # (sheet, why)
    ignored_sheets: list[str] = field(default_factory=list)


def _rows(path: Source, name: str) -> list[list[str]]:
    """The data rows of sheet name (its header row dropped), padded to the header's width."""
    try:
        table = read_xlsx_rows(path, name=name)
    except Unsupported:
        import openpyxl  # heavy; only for a workbook our reader cannot read

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book[name]
            table = [
                (n, ["" if v is None else str(v).strip() for v in row])
                for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            book.close()
    table = [(n, cells) for n, cells in table if any(cells)]
    return [[str(n), *cells] for n, cells in table[1:]]


def read_extras(path: Path, data: bytes | None = None) -> Extras:
    """The definitions and notes sheets of an .xlsx (their bad rows in rejected); data: the
    file's bytes when they are not on disk (path then gives only the name)."""
    extras = Extras()
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return extras
    source: Source = io.BytesIO(data) if data is not None else path
    names = sheet_names(source)
    if FIELDS_SHEET in names:
        for cells in _rows(source, FIELDS_SHEET):
            _, key, label, label_en, kind, choices, *_ = [*cells, "", "", "", "", ""]
            if key:
                extras.fields.append(
                    FieldDef(
                        key=clean(key).lower(),
                        label=clean(label) or key,
                        label_en=clean(label_en),
                        field_type=clean(kind) or "text",
                        choices=tuple(c for c in (clean(x) for x in choices.split("\n")) if c),
                    )
                )
    if NOTES_SHEET in names:
        for cells in _rows(source, NOTES_SHEET):
            note = _note(cells)
            if isinstance(note, Rejected):
                extras.rejected.append((NOTES_SHEET, note))
            else:
                extras.notes.append(note)
    extras.ignored_sheets = [n for n in names if n in READ_ONLY_SHEETS]
    return extras


def _note(cells: list[str]) -> NoteRow | Rejected:
    number, ref, written, author, pinned, seconds, body, *_ = [*cells, "", "", "", "", "", ""]
    row = int(number)
    if not ref or not body.strip():
        return Rejected(row, "顧客IDかメモがありません / no customer id or no note")
    try:
        at = dt.datetime.fromisoformat(written) if written else None
        spent = int(float(seconds)) if seconds else 0
        return NoteRow(
            row, clean(ref), at, clean(author), values.flag(pinned), spent, clean_multiline(body)
        )
    except ValueError as exc:
        return Rejected(row, str(exc))


def choices_cell(choices_json: str) -> str:
    """A definition's choices as the sheet writes them: one per line."""
    return "\n".join(str(c) for c in json.loads(choices_json or "[]"))
