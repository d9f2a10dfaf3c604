"""The columns our export writes: one bilingual header per field, numbered for the phones,
e-mails and addresses a customer may have several of, and read back exactly on import."""

from __future__ import annotations

import re

# A column feeds (field, slot): slot numbers the phone, e-mail or address a part belongs to
# (0 for the customer's own fields and for a foreign file's single unnumbered group).
Column = tuple[str, int]

# Customer fields, one column each, in the order the export writes them.
SINGLE_HEADERS: tuple[tuple[str, str], ...] = (
    ("ref", "顧客ID Customer ID"),
    ("kind", "個人/法人 Kind"),
    ("name", "氏名 Name"),
    ("reading", "フリガナ Reading"),
    ("company", "会社名 Company"),
    ("department", "部署 Department"),
    ("title", "役職 Job title"),
    ("gender", "性別 Gender"),
    ("birth_date", "生年月日 Birth date"),
    ("birthplace", "出身地 Birthplace"),
    ("occupation", "職業 Occupation"),
    ("interests", "趣味・関心 Interests"),
    ("household", "世帯 Household"),
    ("income_band", "収入帯 Income band"),
    ("vip", "VIP"),
    ("caution", "要注意 Caution"),
    ("caution_note", "注意事項 Caution note"),
    ("blocked", "着信拒否 Blocked"),
    ("tag_lines", "タグ（1行に1つ） Tags, one per line"),
)
# Numbered groups: "#" stands for the slot number.
PHONE_HEADERS = (("phone", "電話# Phone #"), ("phone_label", "電話#ラベル Phone # label"))
EMAIL_HEADERS = (("email", "メール# Email #"), ("email_label", "メール#ラベル Email # label"))
ADDRESS_HEADERS = (
    ("address_label", "住所#ラベル Address # label"),
    ("country", "住所#国 Address # country"),
    ("postal_code", "住所#郵便番号 Address # postal code"),
    ("prefecture", "住所#都道府県 Address # prefecture"),
    ("city", "住所#市区町村 Address # city"),
    ("address", "住所#番地 Address # street"),
    ("line2", "住所#建物 Address # building"),
    ("delivery_notes", "住所#配達メモ Address # delivery notes"),
    ("lat", "住所#緯度 Address # latitude"),
    ("lon", "住所#経度 Address # longitude"),
)
CUSTOM_PREFIX = "項目:"  # "項目:allergy アレルギー": custom field allergy
_OWN = {
    header: field
    for field, header in (*SINGLE_HEADERS, *PHONE_HEADERS, *EMAIL_HEADERS, *ADDRESS_HEADERS)
}
_NUMBER = re.compile(r"\d+")


def numbered(template: str, slot: int) -> str:
    """A group header for one slot: 電話# Phone # -> 電話2 Phone 2."""
    return template.replace("#", str(slot))


def custom_header(key: str, label: str) -> str:
    """The column header of custom field key."""
    return f"{CUSTOM_PREFIX}{key} {label}".strip()


def own_column(header: str) -> Column | None:
    """(field, slot) when header is one our export writes, else None."""
    text = header.strip()
    if text.startswith(CUSTOM_PREFIX):
        key = text[len(CUSTOM_PREFIX) :].split(" ", 1)[0]
        return (f"custom:{key}", 0) if key else None
    if text in _OWN:
        return _OWN[text], 0
    found = _NUMBER.search(text)
    if found is None:
        return None
    field = _OWN.get(_NUMBER.sub("#", text))
    return (field, int(found.group())) if field else None


def header_slot(header: str) -> int:
    """The slot a foreign header numbers (電話2, Phone 2, 住所2), 0 when it has no number."""
    found = _NUMBER.search(header)
    return int(found.group()) if found else 0
