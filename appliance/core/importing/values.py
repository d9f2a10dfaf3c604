"""Cell values for the customer's typed fields: yes/no flags, gender, kind, dates and
coordinates, in the words Japanese and English sheets use; ValueError with the reason."""

from __future__ import annotations

import datetime as dt
import re

from appliance.contract.search_keys import fold

_TRUE = frozenset({"1", "true", "yes", "y", "○", "◯", "〇", "✓", "✔", "x", "はい", "有", "あり"})
_FALSE = frozenset({"", "0", "false", "no", "n", "×", "✗", "-", "いいえ", "無", "なし"})
_GENDERS = {
    "female": "female",
    "f": "female",
    "woman": "female",
    "女": "female",
    "女性": "female",
    "male": "male",
    "m": "male",
    "man": "male",
    "男": "male",
    "男性": "male",
    "other": "other",
    "その他": "other",
    "unknown": "unknown",
    "不明": "unknown",
    "": "unknown",
}
_KINDS = {
    "person": "person",
    "個人": "person",
    "company": "company",
    "法人": "company",
    "会社": "company",
    "business": "company",
}
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def flag(text: str) -> bool:
    """A yes/no cell: 1/true/yes/○/はい or 0/false/no/×/いいえ/empty."""
    key = fold(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"はい/いいえ で指定してください / not a yes or no: {text!r}")


def gender(text: str) -> str:
    """female, male, other or unknown (女性/男性/その他/不明 too)."""
    found = _GENDERS.get(fold(text))
    if found is None:
        raise ValueError(f"性別が不正です / not a gender (female, male, other): {text!r}")
    return found


def kind(text: str) -> str:
    """person or company (個人/法人 too); empty is decided from the row."""
    found = _KINDS.get(fold(text))
    if found is None:
        raise ValueError(f"個人か法人で指定してください / kind is person or company: {text!r}")
    return found


def date(text: str, *, past: bool = False) -> dt.date:
    """YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日 (with past, not after today)."""
    found = _DATE.fullmatch(text.strip())
    try:
        if found is None:
            raise ValueError
        day = dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        raise ValueError(f"日付として読めません / not a date (YYYY-MM-DD): {text!r}") from None
    if past and day > dt.date.today():
        raise ValueError(f"日付が未来です / the date is in the future: {text!r}")
    return day


def coordinate(text: str, limit: float) -> float:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"座標が不正です / not a coordinate: {text!r}") from None
    if not -limit <= value <= limit:
        raise ValueError(f"座標が範囲外です / coordinate out of range: {text!r}")
    return value
