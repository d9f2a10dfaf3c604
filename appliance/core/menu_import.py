"""The menu from a spreadsheet (.xlsx or .csv, read as customers are): columns guessed from
their headers or set with COL=FIELD, every row checked, a report of what was made, updated and
refused; with refused rows nothing is written unless the good rows are asked for."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.contract.search_keys import fold
from appliance.core import menu
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.importing.reading import read_sheet
from appliance.db.models import Category, Product, database_proxy

FIELDS = (
    "name",
    "reading",
    "sku",
    "price",
    "category",
    "tax_class",
    "sold_out",
    "sort_order",
    "options",
    "skip",
)
_GUESS = {
    "name": ("商品名", "品名", "メニュー", "name", "product", "item"),
    "reading": ("よみ", "読み", "ふりがな", "フリガナ", "reading", "kana"),
    "sku": ("品番", "コード", "sku", "code"),
    "price": ("価格", "値段", "単価", "税込", "price"),
    "category": ("分類", "カテゴリ", "部門", "category", "section"),
    "tax_class": ("税区分", "税率", "tax"),
    "sold_out": ("品切れ", "売り切れ", "sold out", "soldout"),
    "sort_order": ("並び順", "表示順", "順番", "sort", "order"),
    "options": ("オプション", "トッピング", "options", "toppings"),
}
_PRICE = re.compile(r"^[¥￥$]?\s*([\d,]+)\s*円?$")
_OPTION = re.compile(r"^(.*?)\s*(?:([+-])\s*[¥￥$]?([\d,]+)\s*円?)?$")


@dataclass
class MenuReport:
    """What an import did (or, dry, would do): the mapping, rows made and updated, refusals."""

    headers: list[str]
    mapping: list[str]
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    committed: bool = False


def guess(header: str) -> str:
    """The field a header names (skip when unknown)."""
    text = fold(header)
    for name, words in _GUESS.items():
        if any(fold(w) in text for w in words):
            return name
    return "skip"


def _column(headers: Sequence[str], col: str) -> int:
    folded = [fold(h) for h in headers]
    if fold(col) in folded:
        return folded.index(fold(col))
    if col.isdigit() and 1 <= int(col) <= len(headers):
        return int(col) - 1
    if col.isascii() and col.isalpha() and len(col) == 1 and ord(col.upper()) - 64 <= len(headers):
        return ord(col.upper()) - 65
    raise InvalidInput(f"列 {col!r} がありません / no column {col!r} in the file")


def mapping_for(headers: Sequence[str], overrides: Sequence[str]) -> list[str]:
    """Guessed fields, then COL=FIELD overrides (COL: header, number or letter)."""
    result = [guess(h) for h in headers]
    for item in overrides:
        col, sep, name = item.partition("=")
        if not sep or name.strip() not in FIELDS:
            raise InvalidInput(f"{item!r}: COL=FIELD, FIELD は {', '.join(FIELDS)} のどれか")
        result[_column(headers, col.strip())] = name.strip()
    if "name" not in result or "price" not in result:
        raise InvalidInput("商品名と価格の列が要ります / the file needs a name and a price column")
    return result


def price_of(text: str) -> int:
    """¥1,200 / 1200円 / 1200 -> 1200; InvalidInput otherwise."""
    match = _PRICE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        raise InvalidInput(f"価格が読めません / not a price: {text!r}")
    return int(match.group(1).replace(",", ""))


def tax_class_of(text: str) -> str:
    """8% / 軽減 / reduced / blank -> reduced; 10% / 標準 / standard / 酒 -> standard."""
    plain = fold(unicodedata.normalize("NFKC", text))
    if plain in ("", "8", "8%", "軽減", "reduced", "food", "食品"):
        return "reduced"
    if plain in ("10", "10%", "標準", "standard", "酒", "alcohol"):
        return "standard"
    raise InvalidInput(f"税区分が読めません / tax class must be 8% or 10%: {text!r}")


def options_of(text: str) -> list[tuple[str, int]]:
    """大盛り+150; わさび抜き -> [("大盛り", 150), ("わさび抜き", 0)]."""
    out = []
    for part in re.split(r"[;；、/]", unicodedata.normalize("NFKC", text)):
        match = _OPTION.match(part.strip())
        if match is None or not match.group(1):
            continue
        delta = int(match.group(3).replace(",", "")) if match.group(3) else 0
        out.append((match.group(1), -delta if match.group(2) == "-" else delta))
    return out


def _row(cells: dict[str, str]) -> dict[str, Any]:
    if not cells.get("name", "").strip():
        raise InvalidInput("商品名が空です / the name is empty")
    row: dict[str, Any] = {"name": cells["name"].strip(), "unit_price": price_of(cells["price"])}
    for key in ("reading", "sku"):
        if cells.get(key, "").strip():
            row[key] = cells[key].strip()
    row["tax_class"] = tax_class_of(cells.get("tax_class", ""))
    if cells.get("sold_out", "").strip():
        row["sold_out"] = fold(cells["sold_out"]) in ("1", "yes", "true", "○", "はい", "品切れ")
    if cells.get("sort_order", "").strip():
        row["sort_order"] = int(unicodedata.normalize("NFKC", cells["sort_order"]).strip())
    return row


def _category(name: str, actor: Actor) -> int | None:
    if not name.strip():
        return None
    found = Category.live().where(Category.name == name.strip()).first()
    return int(found.id) if found else int(menu.create_category(actor, name.strip()).id)


def _write(
    actor: Actor,
    row: dict[str, Any],
    category: str,
    options: list[tuple[str, int]],
    report: MenuReport,
) -> None:
    row["category_id"] = _category(category, actor)
    where = Product.name == row["name"]
    if row.get("sku"):
        where = Product.sku == row["sku"]
    old = Product.live().where(where).first()
    if old is None:
        product = menu.create_product(actor, row.pop("name"), row.pop("unit_price"), **row)
        report.created.append(str(product.name))
    else:
        product = menu.update_product(actor, int(old.id), int(old.version), **row)
        report.updated.append(str(product.name))
    have = {str(o.name) for o in menu.options_by_product([int(product.id)])[int(product.id)]}
    for name, delta in options:
        if name not in have:
            menu.add_option(actor, int(product.id), name, price_delta=delta)


def import_menu(
    actor: Actor,
    path: Path,
    *,
    overrides: Sequence[str] = (),
    dry_run: bool = False,
    good_only: bool = False,
) -> MenuReport:
    """Read, check every row, then write all (or the good rows when asked) in one transaction."""
    sheet = read_sheet(path)
    mapping = mapping_for(sheet.headers, overrides)
    report = MenuReport(headers=sheet.headers, mapping=mapping)
    good: list[tuple[dict[str, Any], str, list[tuple[str, int]]]] = []
    for number, cells in sheet.rows:
        named = {f: cells[i] for i, f in enumerate(mapping) if f != "skip" and i < len(cells)}
        try:
            good.append(
                (_row(named), named.get("category", ""), options_of(named.get("options", "")))
            )
        except (InvalidInput, ValueError) as exc:
            report.rejected.append((number, str(exc)))
    if dry_run or (report.rejected and not good_only):
        report.created = [g[0]["name"] for g in good]
        return report
    with database_proxy.atomic():
        for row, category, options in good:
            _write(actor, row, category, options, report)
    report.committed = True
    return report
