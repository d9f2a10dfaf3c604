"""Strings of the card's profile fields beyond the first nine (kind, attributes, tags)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "field.kind": ("区分", "Kind"),
    "field.kind.person": ("個人", "Person"),
    "field.kind.company": ("法人", "Company"),
    "field.gender": ("性別", "Gender"),
    "field.gender.unknown": ("未設定", "Not given"),
    "field.gender.female": ("女性", "Female"),
    "field.gender.male": ("男性", "Male"),
    "field.gender.other": ("その他", "Other"),
    "field.birth_date": ("生年月日", "Birth date"),
    "field.birth_date.hint": ("例 1980-01-31", "e.g. 1980-01-31"),
    "field.birthplace": ("出身地", "Birthplace"),
    "field.income_band": ("収入帯", "Income band"),
    "field.tags": ("タグ", "Tags"),
    "field.tags.hint": ("例 常連, 辛口", "e.g. regular, spicy"),
    "form.bad_date": (
        "生年月日が読めません: {value} (例 1980-01-31)",
        "cannot read the birth date: {value} (e.g. 1980-01-31)",
    ),
    "form.bad_custom": (
        "{label}: 日付が読めません (例 2026-04-01)",
        "{label}: not a date (e.g. 2026-04-01)",
    ),
    "form.refused": ("保存できませんでした: {reason}", "not saved: {reason}"),
}
