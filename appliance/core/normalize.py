"""Input rules: phone-number parsing (E.164 plus national digits); folding is the contract's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from appliance.core.errors import InvalidInput

# Dashes people type between digit groups (after NFKC): hyphen-minus, Unicode dashes, minus
# sign, and the katakana prolonged sound mark, which Japanese IMEs often produce for "-".
_PHONE_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー─()./]")
_PHONE_ALLOWED = re.compile(r"\+?[0-9]+")
# Japanese carrier-selection international prefixes (KDDI 001, NTT Com 0033, SoftBank 0041
# and 0061) are followed by 010; a plain 00 is the IDD prefix most of the world uses.
_JP_IDD = re.compile(r"^(?:001|0033|0041|0061)?010")
_MAX_DIGITS = 20
# A Japanese national number as lines and people send it: trunk 0, then 9 or 10 digits.
_JP_NATIONAL = re.compile(r"0[1-9][0-9]{8,9}")
# Digits with no trunk 0 and no 81 in front (foreign-style numbers typed without a country code):
# phonenumbers takes them as the significant number as they are.
_JP_SIGNIFICANT = re.compile(r"(?!81)[1-9][0-9]{1,16}")
# (region, significant-number length, its first 3 digits) -> digits the national format puts
# before the significant number (the trunk prefix, or nothing); see _national_digits.
_NATIONAL_PREFIX: dict[tuple[str | None, int, str], str] = {}


@dataclass(frozen=True)
class PhoneParts:
    """A parsed phone number: E.164 when it is a possible number, and its national digits."""

    e164: str | None
    national: str
    region: str | None
    valid: bool


def _digits(raw: str) -> str:
    """The number as '+digits' or 'digits'; InvalidInput when it holds anything else."""
    text = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not text:
        raise InvalidInput(f"電話番号が空です / the phone number is empty: {raw!r}")
    if not _PHONE_ALLOWED.fullmatch(text):
        raise InvalidInput(f"電話番号として読めません / not a phone number: {raw!r}")
    if len(text.lstrip("+")) > _MAX_DIGITS:
        raise InvalidInput(f"電話番号が長すぎます / too many digits for a phone number: {raw!r}")
    return text


def _international(digits: str, region: str) -> str:
    """Rewrite an IDD-prefixed number (010.., 0081.., 001010..) as '+..' when it is one."""
    if digits.startswith("+"):
        return digits
    if region == "JP":
        m = _JP_IDD.match(digits)
        if m and len(digits) > m.end() + 4:
            return "+" + digits[m.end() :]
    if digits.startswith("00") and len(digits) > 6:
        candidate = "+" + digits[2:]
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(candidate, None)):
                return candidate
        except phonenumbers.NumberParseException:
            pass
    return digits


def _national_digits(number: phonenumbers.PhoneNumber, region: str | None, valid: bool) -> str:
    """Digits of the national format; for valid numbers what precedes the significant number
    is cached by shape (invalid ones may follow no formatting rule, so they are not)."""
    nsn = phonenumbers.national_significant_number(number)
    key = (region, len(nsn), nsn[:4])
    prefix = _NATIONAL_PREFIX.get(key) if valid else None
    if prefix is None:
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        national = re.sub(r"\D", "", formatted)
        if not valid or not national.endswith(nsn):
            return national
        prefix = _NATIONAL_PREFIX[key] = national[: len(national) - len(nsn)]
    return prefix + nsn


def _parse(digits: str, region: str) -> phonenumbers.PhoneNumber:
    """phonenumbers.parse, skipping its slow general path for plain digits in Japan."""
    if region == "JP" and _JP_NATIONAL.fullmatch(digits):
        return phonenumbers.PhoneNumber(country_code=81, national_number=int(digits[1:]))
    if region == "JP" and _JP_SIGNIFICANT.fullmatch(digits):
        return phonenumbers.PhoneNumber(country_code=81, national_number=int(digits))
    return phonenumbers.parse(digits, region)


# Cached by the raw text: an import sees the same shop or office number on many rows, and a
# caller's number is looked up on every ring. PhoneParts is frozen; errors are not cached.
@lru_cache(maxsize=16384)
def parse_phone(raw: str, region: str = "JP") -> PhoneParts:
    """Parse a typed or line-sent number; InvalidInput when it is not a phone number at all."""
    digits = _international(_digits(raw), region)
    try:
        number = _parse(digits, region)
    except phonenumbers.NumberParseException as exc:
        if digits.startswith("+"):
            raise InvalidInput(
                f"国番号が不明です / unknown country code in phone number: {raw!r}"
            ) from exc
        return PhoneParts(e164=None, national=digits, region=None, valid=False)
    if not phonenumbers.is_possible_number(number):
        # Extensions, short codes (117) and the like: kept as the digits typed.
        return PhoneParts(e164=None, national=digits.lstrip("+"), region=None, valid=False)
    number_region = phonenumbers.region_code_for_number(number)
    valid = phonenumbers.is_valid_number(number)
    return PhoneParts(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        national=_national_digits(number, number_region, valid),
        region=number_region,
        valid=valid,
    )


def phone_lookup_keys(raw: str, region: str = "JP") -> list[str]:
    """Every stored form a caller number may match: its E.164 and its national digits."""
    return lookup_keys(parse_phone(raw, region))


def lookup_keys(parts: PhoneParts) -> list[str]:
    """The stored forms a parsed number may match: its E.164 and its national digits."""
    keys = [parts.e164] if parts.e164 else []
    if parts.national not in keys:
        keys.append(parts.national)
    return keys


@lru_cache(maxsize=4096)
def display_phone(e164: str, region: str = "JP") -> str:
    """How a desk shows a number: national form (090-1234-5678) at home, international abroad."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.region_code_for_number(number) == region.upper()
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else (phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )
    return str(phonenumbers.format_number(number, fmt))
