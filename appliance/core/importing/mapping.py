"""Which column holds which customer field: guessed from the header row, editable by the user."""

from __future__ import annotations

import re
from collections.abc import Sequence

from appliance.contract.search_keys import fold
from appliance.contract.transfer import IMPORT_FIELDS
from appliance.core.errors import InvalidInput
from appliance.core.importing.columns import Column, own_column

# Fields a column can feed. phone, email and address may come from several columns.
FIELDS = IMPORT_FIELDS
MULTI = frozenset({"phone", "email", "address", "note", "tags", "tag_lines"})
CUSTOM = "custom:"  # custom:KEY feeds the custom field KEY


def known_field(field: str) -> bool:
    """A field a column may feed: one of FIELDS, or custom:KEY."""
    return field in FIELDS or (field.startswith(CUSTOM) and len(field) > len(CUSTOM))


# Header words per field, matched on folded headers (so カタカナ/ひらがな, ｶﾅ and case agree).
# Order matters: the first field with a word found in the header wins (so "delivery notes"
# is a delivery note before it is a note, and "birthplace" a place before a birth date).
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
    ("delivery_notes", ("配達", "配送", "delivery")),
    ("caution_note", ("注意事項", "caution note")),
    ("birthplace", ("出身", "birthplace", "place of birth")),
    ("birth_date", ("生年月日", "誕生日", "birth", "dob")),
    ("gender", ("性別", "gender", "sex")),
    ("occupation", ("職業", "occupation", "profession")),
    ("interests", ("趣味", "関心", "interest", "hobby", "hobbies")),
    ("household", ("世帯", "household")),
    ("income_band", ("収入", "年収", "income")),
    ("blocked", ("着信拒否", "blocked")),
    ("caution", ("要注意", "caution")),
    ("vip", ("vip",)),
    ("prefecture", ("都道府県", "prefecture", "state", "county")),
    ("city", ("市区町村", "city", "town")),
    ("line2", ("建物", "building", "apartment")),
    ("address", ("住所", "所在地", "番地", "address", "street")),
    ("country", ("国", "country")),
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
    own = own_column(header)
    if own is not None:
        return own[0]
    key = fold(header)
    bare = _DIGITS.sub("", key)
    if bare in _EXACT:
        return _EXACT[bare]
    for field, words in _WORDS:
        if any(fold(word) in key for word in words):
            return field
    return "ignore"


def guess_mapping(headers: Sequence[str]) -> list[str]:
    """One field per column; a single-valued field claimed twice (in one numbered group)
    keeps only its first column."""
    seen: set[Column] = set()
    mapping = []
    for header in headers:
        field = guess_field(header) if header else "ignore"
        column = (field, _slot(header, field))
        if field not in MULTI and column in seen:
            field = "ignore"
        seen.add(column)
        mapping.append(field)
    return mapping


def _slot(header: str, field: str) -> int:
    own = own_column(header)
    return own[1] if own is not None and own[0] == field else 0


def columns(headers: Sequence[str], mapping: Sequence[str]) -> list[Column]:
    """(field, slot) per column: our own numbered headers keep their slot, the rest get 0."""
    return [(field, _slot(h, field)) for h, field in zip(headers, mapping, strict=True)]


def apply_overrides(
    headers: Sequence[str], mapping: list[str], overrides: Sequence[str]
) -> list[str]:
    """Apply --map COL=FIELD items (COL: header text, 1-based number, or letter like C)."""
    result = list(mapping)
    for item in overrides:
        col, sep, field = item.partition("=")
        col, field = col.strip(), field.strip()
        if not sep or not known_field(field):
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
