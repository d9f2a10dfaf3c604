"""What a customer is found by, on the box's index and a desk's replica alike: folded search
keys, the searchable forms of a phone and an address, and the terms of a query."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "address_texts",
    "fold",
    "name_texts",
    "phone_texts",
    "query_terms",
    "term_variants",
]

# Katakana ァ..ヶ and the iteration marks ヽヾ sit exactly 0x60 above their hiragana twins.
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}
_KATA_TO_HIRA.update({0x30FD: 0x309D, 0x30FE: 0x309E})
_WHITESPACE = re.compile(r"\s+")
# A term of digits with the dashes, brackets, dots or spaces people type between groups (the
# katakana ー an IME gives for "-" among them) is also matched as its bare digits.
_PHONEISH = re.compile(r"[0-9][0-9\s\-‐‑‒–—―−ー─()./+]*[0-9]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー─()./+]")
# Control characters are never searched for; a NUL in an FTS5 query ends its string early.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Search key: NFKC, case folded, katakana as hiragana, whitespace collapsed to one space."""
    if text.isascii():  # NFKC and the kana table leave ASCII as it is; casefold is lower here
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_KATA_TO_HIRA)
    return _WHITESPACE.sub(" ", text).strip()


def name_texts(*names: str) -> list[str]:
    """A customer's names (name, reading, company) as searchable: each as given, then each
    that has spaces again without them, so 山田太郎 finds 山田 太郎 as 山田 太郎 does."""
    # Japanese users type a full name without the space the card shows between its parts.
    joined = ["".join(n.split()) for n in names if n and len(n.split()) > 1]
    return [*names, *joined]


def phone_texts(e164: str | None, national: str, entered: str) -> tuple[str, str, str]:
    """A phone's searchable forms: national digits, E.164 digits, and as it was entered."""
    return national, (e164 or "").lstrip("+"), entered


def address_texts(
    postal: str, prefecture: str, city: str, line1: str, line2: str, delivery_notes: str
) -> tuple[str, str, str, str]:
    """An address's searchable forms: postal code with and without its hyphen, the address
    as one string, and the delivery notes."""
    return postal, postal.replace("-", ""), prefecture + city + line1 + line2, delivery_notes


def query_terms(query: str) -> list[str]:
    """The distinct space-separated folded terms of a query, in order (control characters,
    such as a NUL, taken out)."""
    return list(dict.fromkeys(t for t in _CONTROL.sub("", fold(query)).split(" ") if t))


def term_variants(term: str) -> list[str]:
    """The term as typed, plus its bare digits when it looks like a phone or postal code."""
    if _PHONEISH.fullmatch(term):
        bare = _SEPARATORS.sub("", term)
        # Short digit groups ("1-2-3", a street address) are not phone fragments.
        if bare != term and len(bare) >= 4:
            return [term, bare]
    return [term]
