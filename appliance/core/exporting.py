"""Export customers as .xlsx or .csv (by extension): one row each with every field, read back
by our import field for field; an .xlsx adds the custom-field definitions and, on request,
sheets of notes, orders and calls."""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from appliance.core.errors import InvalidInput
from appliance.core.export_sheets import EXTRA_SHEETS, extra_sheets
from appliance.core.importing.columns import (
    ADDRESS_HEADERS,
    EMAIL_HEADERS,
    PHONE_HEADERS,
    SINGLE_HEADERS,
    custom_header,
    numbered,
)
from appliance.core.importing.extra import CUSTOMERS_SHEET
from appliance.core.importing.phones import export_form
from appliance.db.models import (
    Address,
    Customer,
    CustomerTag,
    CustomFieldDef,
    CustomFieldValue,
    Email,
    Phone,
    Tag,
)

Cell = str | bool
_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_FIELD_ID: Any = getattr(CustomFieldDef, "id")  # noqa: B009
_GROUPS = (PHONE_HEADERS, EMAIL_HEADERS, ADDRESS_HEADERS)
_CUSTOMER_FIELDS = tuple(f for f, _ in SINGLE_HEADERS if f not in ("ref", "tag_lines"))
_ADDRESS_FIELDS = (
    "label",
    "country",
    "postal_code",
    "prefecture",
    "city",
    "line1",
    "line2",
    "delivery_notes",
    "lat",
    "lon",
)


def _grouped(query: Any) -> dict[int, list[tuple[Any, ...]]]:
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for cid, *rest in query.tuples().iterator():
        out[cid].append(tuple(rest))
    return out


def _live(model: Any, *fields: Any) -> dict[int, list[tuple[Any, ...]]]:
    """A detail table's live rows per customer, in the order they were added."""
    query = (
        model.select(model.customer, *fields)
        .where(model.deleted_at.is_null())
        .order_by(getattr(model, "id"))  # noqa: B009
    )
    return _grouped(query)


def _custom_fields() -> list[tuple[int, str, str]]:
    """(id, key, label) of the live custom fields, in the card's order."""
    rows: Any = (
        CustomFieldDef.select(_FIELD_ID, CustomFieldDef.key, CustomFieldDef.label)
        .where(CustomFieldDef.deleted_at.is_null())
        .order_by(CustomFieldDef.position, CustomFieldDef.key)
        .tuples()
    )
    return list(rows)


def _widest(groups: dict[int, list[tuple[Any, ...]]]) -> int:
    return max((len(v) for v in groups.values()), default=0)


class _Layout:
    """What the customers sheet holds: its headers and, per customer, its cells."""

    def __init__(self) -> None:
        self.phones = _live(Phone, Phone.e164, Phone.national, Phone.entered, Phone.label)
        self.emails = _live(Email, Email.address, Email.label)
        self.addresses = _live(Address, *(getattr(Address, f) for f in _ADDRESS_FIELDS))
        self.tags = _grouped(
            CustomerTag.select(CustomerTag.customer, Tag.name).join(Tag).order_by(Tag.key)
        )
        self.fields = _custom_fields()
        values: Any = CustomFieldValue.select(
            CustomFieldValue.customer, CustomFieldValue.field, CustomFieldValue.value
        ).tuples()
        self.custom: dict[int, dict[int, str]] = defaultdict(dict)
        for cid, fid, value in values.iterator():
            self.custom[cid][fid] = value
        self.sizes = (_widest(self.phones), _widest(self.emails), _widest(self.addresses))

    def headers(self) -> list[str]:
        """Customer fields, then each numbered phone, e-mail and address, then custom fields."""
        out = [header for _, header in SINGLE_HEADERS]
        for size, group in zip(self.sizes, _GROUPS, strict=True):
            out.extend(numbered(h, slot) for slot in range(1, size + 1) for _, h in group)
        out.extend(custom_header(key, label) for _, key, label in self.fields)
        return out

    def cells(self, cid: int, customer: Sequence[Any]) -> list[Cell]:
        """One customer's row, matching headers()."""
        row: list[Cell] = [str(cid)]
        for name, value in zip(_CUSTOMER_FIELDS, customer, strict=True):
            if name in ("vip", "caution", "blocked"):
                row.append(bool(value))
            else:
                row.append("" if value is None else str(value))
        row.append("\n".join(t for (t,) in self.tags.get(cid, [])))
        phones, emails, addresses = self.sizes
        for e164, national, entered, label in _padded(self.phones.get(cid, []), phones, 4):
            row += [export_form(e164, national, entered) if national else "", label]
        for address, label in _padded(self.emails.get(cid, []), emails, 2):
            row += [address, label]
        for parts in _padded(self.addresses.get(cid, []), addresses, len(_ADDRESS_FIELDS)):
            row.extend("" if v is None else repr(v) if isinstance(v, float) else v for v in parts)
        mine = self.custom.get(cid, {})
        row.extend(mine.get(fid, "") for fid, _, _ in self.fields)
        return row


def _padded(rows: list[tuple[Any, ...]], size: int, width: int) -> list[tuple[Any, ...]]:
    return rows + [("",) * width] * (size - len(rows))


def export_table() -> tuple[list[str], Iterator[list[Cell]]]:
    """The customers sheet: its headers and one row per live customer, in id order."""
    layout = _Layout()
    columns = [getattr(Customer, f if f != "name" else "display_name") for f in _CUSTOMER_FIELDS]
    customers: Any = (
        Customer.select(_ID, *columns).where(Customer.deleted_at.is_null()).order_by(_ID).tuples()
    )

    def rows() -> Iterator[list[Cell]]:
        for cid, *fields in customers.iterator():
            yield layout.cells(cid, fields)

    return layout.headers(), rows()


def export_rows() -> Iterator[list[Cell]]:
    """One list of cells per live customer, in id order (see export_table)."""
    return export_table()[1]


def _private(path: Path) -> None:
    """Create (or empty) path readable by its owner only: an export is customer data in clear."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)  # a file that was there keeps its mode through O_TRUNC


def _csv_cell(value: Cell) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value


def export_file(
    path: Path,
    progress: Callable[[int], None] | None = None,
    *,
    sheets: Sequence[str] = ("notes", "orders"),
) -> int:
    """Write every live customer to path (.xlsx or .csv, UTF-8 with BOM), readable by its
    owner only; returns the count (see write_export)."""
    suffix = _checked(path.suffix.lower(), sheets)
    _private(path)
    with open(path, "wb") as fh:
        return write_export(fh, suffix, progress, sheets=sheets)


def _checked(suffix: str, sheets: Sequence[str]) -> str:
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(
            f"対応していない形式です / unsupported file type {suffix!r}: use .xlsx or .csv"
        )
    unknown = set(sheets) - set(EXTRA_SHEETS)
    if unknown:
        raise InvalidInput(
            f"不明なシートです / unknown sheets {sorted(unknown)}: use {', '.join(EXTRA_SHEETS)}"
        )
    return suffix


def write_export(
    sink: IO[bytes],
    suffix: str,
    progress: Callable[[int], None] | None = None,
    *,
    sheets: Sequence[str] = ("notes", "orders"),
) -> int:
    """Write every live customer to sink as .xlsx or .csv (by suffix); an .xlsx also gets the
    custom-field definitions and the extra sheets named (notes, orders, calls). The count."""
    _checked(suffix, sheets)
    headers, rows = export_table()
    count = 0
    if suffix == ".csv":
        text = io.TextIOWrapper(sink, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):
            writer.writerow([_csv_cell(c) for c in row])
            if progress and count % 1000 == 0:
                progress(count)
        text.flush()
        text.detach()  # the caller's sink stays open
        return count
    from appliance.core.xlsx_writing import Book  # openpyxl is heavy: only for an xlsx

    with Book(sink) as book:
        sheet = book.sheet(CUSTOMERS_SHEET, headers)
        for count, row in enumerate(rows, start=1):
            sheet.append(row)
            if progress and count % 1000 == 0:
                progress(count)
        for name, sheet_headers, sheet_rows in extra_sheets(sheets):
            extra = book.sheet(name, sheet_headers)
            for cells in sheet_rows:
                extra.append(cells)
    return count
