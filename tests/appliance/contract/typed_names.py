"""Japanese names as a card shows them (Faker ja_JP: family name, a space, given name; the
reading in katakana) and the forms a shop types them in: joined, hiragana, half-width."""

from __future__ import annotations

import unicodedata

from faker import Faker

# Half-width katakana for a full-width one: NFKC's inverse, voiced marks included (ｶﾞ <- ガ).
_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
_HALF.update(
    {
        full: h + m
        for h in list(_HALF.values())
        for m in "ﾞﾟ"
        if len(full := unicodedata.normalize("NFKC", h + m)) == 1
    }
)
# A full-width (IME) space, and a name with a middle part: typed without any of its spaces.
ODD = [("山田　太郎", "ヤマダ　タロウ"), ("マリア ルイサ 田中", "マリア ルイサ タナカ")]


def half_width(katakana: str) -> str:
    """Katakana as half-width kana (ﾔﾏﾀﾞ for ヤマダ)."""
    return "".join(_HALF.get(ch, ch) for ch in katakana)


def hiragana(katakana: str) -> str:
    """Katakana as hiragana (やまだ for ヤマダ)."""
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in katakana)


def people(n: int, seed: int) -> list[tuple[str, str]]:
    """n distinct (name, reading) pairs, the same for the same seed."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    out: dict[str, str] = {}
    while len(out) < n:
        (last, last_kana, _), (first, first_kana, _) = fake.last_name_pair(), fake.first_name_pair()
        out.setdefault(f"{last} {first}", f"{last_kana} {first_kana}")
    return list(out.items())


def typed_forms(name: str, reading: str) -> list[str]:
    """How a shop types this customer: joined name and reading (katakana, hiragana,
    half-width), then as the card shows them."""
    joined, kana = "".join(name.split()), "".join(reading.split())
    return [joined, kana, hiragana(kana), half_width(kana), name, reading, hiragana(reading)]
