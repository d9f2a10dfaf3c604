"""Export customers as .xlsx or .csv (by extension): one row each, readable by our import."""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from appliance.core.errors import InvalidInput
from appliance.db.models import Address, Customer, CustomerTag, Email, Phone, Tag

# Bilingual headers that appliance.core.importing.mapping guesses back to the same fields.
HEADERS = (
    "氏名 Name",
    "フリガナ Reading",
    "会社名 Company",
    "部署 Department",
    "役職 Job title",
    "電話番号 Phone",
    "メール Email",
    "郵便番号 Postal code",
    "都道府県 Prefecture",
    "住所 Address",
    "タグ Tags",
)
_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime
_SEP = ", "


def _grouped(query: Any) -> dict[int, list[tuple[Any, ...]]]:
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for cid, *rest in query.tuples().iterator():
        out[cid].append(tuple(rest))
    return out


def export_rows() -> Iterator[list[str]]:
    """One list of cells per live customer, in id order, matching HEADERS."""
    phones = _grouped(
        Phone.select(Phone.customer, Phone.entered, Phone.national)
        .where(Phone.deleted_at.is_null())
        .order_by(getattr(Phone, "id"))  # noqa: B009
    )
    emails = _grouped(Email.select(Email.customer, Email.address).where(Email.deleted_at.is_null()))
    addresses = _grouped(
        Address.select(
            Address.customer,
            Address.postal_code,
            Address.prefecture,
            Address.city,
            Address.line1,
            Address.line2,
        ).where(Address.deleted_at.is_null())
    )
    tags = _grouped(CustomerTag.select(CustomerTag.customer, Tag.name).join(Tag))
    customers: Any = (
        Customer.select(
            _ID,
            Customer.display_name,
            Customer.reading,
            Customer.company,
            Customer.department,
            Customer.title,
        )
        .where(Customer.deleted_at.is_null())
        .order_by(_ID)
        .tuples()
    )
    for cid, name, reading, company, department, title in customers.iterator():
        first = addresses.get(cid, [("", "", "", "", "")])[0]
        yield [
            name,
            reading,
            company,
            department,
            title,
            _SEP.join(entered or national for entered, national in phones.get(cid, [])),
            _SEP.join(e for (e,) in emails.get(cid, [])),
            first[0],
            first[1],
            "".join(first[2:]),
            _SEP.join(t for (t,) in tags.get(cid, [])),
        ]


def _private(path: Path) -> None:
    """Create (or empty) path readable by its owner only: an export is customer data in clear."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)  # a file that was there keeps its mode through O_TRUNC


def export_file(path: Path, progress: Callable[[int], None] | None = None) -> int:
    """Write every live customer to path (.xlsx or .csv, UTF-8 with BOM); returns the count."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(
            f"対応していない形式です / unsupported file type {suffix!r}: use .xlsx or .csv"
        )
    count = 0
    _private(path)
    if suffix == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(HEADERS)
            for count, row in enumerate(export_rows(), start=1):
                writer.writerow(row)
                if progress and count % 1000 == 0:
                    progress(count)
        return count
    import openpyxl  # heavy; only when an xlsx is written

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("顧客 Customers")
    sheet.append(list(HEADERS))
    for count, row in enumerate(export_rows(), start=1):
        sheet.append(row)
        if progress and count % 1000 == 0:
            progress(count)
    book.save(path)
    return count
