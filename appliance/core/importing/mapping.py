"""Which column holds which customer field: guessed from the header row, editable by the user."""

from __future__ import annotations

import re
from collections.abc import Sequence

from appliance.contract.search_keys import fold
from appliance.core.errors import InvalidInput

# Fields a column can feed. phone, email and address may come from several columns.
FIELDS = (
    "name",
    "family_name",
    "given_name",
    "reading",
    "company",
    "department",
    "title",
    "phone",
    "email",
    "postal_code",
    "prefecture",
    "address",
    "note",
    "tags",
    "ignore",
)
MULTI = frozenset({"phone", "email", "address", "note", "tags"})

# Header words per field, matched on folded headers (so カタカナ/ひらがな, ｶﾅ and case agree).
# Order matters: the first field with a word found in the header wins.
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "reading",
        (
            "フリガナ",
            "ふりがな",
            "よみがな",
            "読み",
            "よみ",
            "カナ",
            "kana",
            "reading",
            "furigana",
            "phonetic",
        ),
    ),
    ("postal_code", ("郵便番号", "〒", "郵便", "postal", "zip", "postcode")),
    ("email", ("メール", "mail", "e-mail")),
    ("phone", ("電話", "tel", "携帯", "phone", "mobile", "fax", "cell", "連絡先")),
    (
        "company",
        (
            "会社",
            "法人",
            "企業",
            "屋号",
            "店名",
            "company",
            "organization",
            "organisation",
            "business",
        ),
    ),
    ("department", ("部署", "所属", "department", "division")),
    ("title", ("役職", "肩書", "job title", "position")),
    ("prefecture", ("都道府県", "prefecture", "state", "county")),
    ("address", ("住所", "所在地", "番地", "市区町村", "建物", "address", "street", "city")),
    ("note", ("備考", "メモ", "特記", "注意", "note", "memo", "comment", "remarks")),
    ("tags", ("タグ", "分類", "区分", "tag", "label", "category")),
    ("family_name", ("姓", "苗字", "名字", "last name", "family name", "surname")),
    ("given_name", ("first name", "given name")),
    ("name", ("氏名", "名前", "お名前", "顧客名", "お客様名", "name", "customer", "contact")),
)
_EXACT = {"名": "given_name", "姓": "family_name", "氏": "family_name"}
_DIGITS = re.compile(r"[\s0-9_()（）:：]+")


def guess_field(header: str) -> str:
    """The field a header names, or 'ignore' when it names none."""
    key = fold(header)
    bare = _DIGITS.sub("", key)
    if bare in _EXACT:
        return _EXACT[bare]
    for field, words in _WORDS:
        if any(fold(word) in key for word in words):
            return field
    return "ignore"


def guess_mapping(headers: Sequence[str]) -> list[str]:
    """One field per column; a single-valued field claimed twice keeps only its first column."""
    seen: set[str] = set()
    mapping = []
    for header in headers:
        field = guess_field(header) if header else "ignore"
        if field not in MULTI and field in seen:
            field = "ignore"
        seen.add(field)
        mapping.append(field)
    return mapping


def apply_overrides(
    headers: Sequence[str], mapping: list[str], overrides: Sequence[str]
) -> list[str]:
    """Apply --map COL=FIELD items (COL: header text, 1-based number, or letter like C)."""
    result = list(mapping)
    for item in overrides:
        col, sep, field = item.partition("=")
        col, field = col.strip(), field.strip()
        if not sep or field not in FIELDS:
            raise InvalidInput(
                f"--map {item!r}: COL=FIELD の形で指定してください / expected COL=FIELD "
                f"with FIELD one of {', '.join(FIELDS)}"
            )
        result[_column_index(headers, col)] = field
    return result


def _column_index(headers: Sequence[str], col: str) -> int:
    if col in headers:
        return list(headers).index(col)
    folded = [fold(h) for h in headers]
    if fold(col) in folded:
        return folded.index(fold(col))
    if col.isdigit() and 1 <= int(col) <= len(headers):
        return int(col) - 1
    if col.isalpha() and col.isascii() and len(col) <= 2:
        index = 0
        for ch in col.upper():
            index = index * 26 + ord(ch) - ord("A") + 1
        if index <= len(headers):
            return index - 1
    raise InvalidInput(f"--map: 列 {col!r} がありません / no column {col!r} in the file")


def describe(headers: Sequence[str], mapping: Sequence[str]) -> str:
    """One line per column: 'A 氏名 → name', for the user to check before importing."""
    lines = []
    for i, (header, field) in enumerate(zip(headers, mapping, strict=True)):
        letter = chr(ord("A") + i) if i < 26 else str(i + 1)
        lines.append(f"  {letter:>2} {header or '(no header)'} → {field}")
    return "\n".join(lines)
