"""Phone cells as spreadsheets hand them over: full-width digits, extensions, and the numbers
Excel mangled (a leading 0 or + dropped, scientific notation), each fix said in words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from appliance.core.errors import InvalidInput
from appliance.core.normalize import PhoneParts, display_phone, parse_phone

# An extension at the end: 内線12, ext. 12, x12, #12, ;ext=12 (RFC 3966).
_EXTENSION = re.compile(
    r"\s*(?:内線|ext(?:ension)?\.?|x|#|;\s*ext\s*=)\s*[:：]?\s*([0-9]{1,8})\s*$", re.IGNORECASE
)
# How Excel shows a long number it took for a value: 9.01235E+09.
_SCIENTIFIC = re.compile(r"[0-9]\.?[0-9]*E\+?[0-9]+", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー─()./]")
# Japanese numbers without their trunk 0: 9 digits (a fixed line) or 10 (a mobile, 050, 0120
# is 9), first digit 1-9; with 81 in front they lost their + instead.
_JP_NO_ZERO = re.compile(r"[1-9][0-9]{8,9}")
_JP_NO_PLUS = re.compile(r"81[1-9][0-9]{8,9}")


@dataclass(frozen=True)
class PhoneRead:
    """A phone cell read: the number, its extension, the form to store as entered, and what
    was fixed on the way ('' when the cell was already clean)."""

    parts: PhoneParts
    extension: str
    entered: str
    fix: str = ""


def split_extension(text: str) -> tuple[str, str]:
    """(number, extension) of a typed number; extension '' when it has none."""
    found = _EXTENSION.search(text)
    if found is None or not found.string[: found.start()].strip():
        return text, ""
    return text[: found.start()], found.group(1)


def entered_form(parts: PhoneParts, extension: str, region: str, typed: str) -> str:
    """How an imported number is stored as entered: the desk's display form, with its
    extension; the digits as typed when the number did not parse."""
    shown = display_phone(parts.e164, region) if parts.e164 else typed.strip()
    if not extension:
        return shown
    return f"{shown} 内線{extension}" if region == "JP" else f"{shown} ext. {extension}"


def _digits(text: str) -> str:
    return _SEPARATORS.sub("", text)


def read_phone(cell: str, region: str) -> PhoneRead:
    """Parse one phone cell, undoing what a spreadsheet did to it; InvalidInput when it is
    not a number at all or its digits are lost (Excel's 9.01235E+09)."""
    text = unicodedata.normalize("NFKC", cell).strip()
    fixes = []
    if text != cell.strip():
        fixes.append("全角を半角に / full-width to half-width")
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        raise InvalidInput(
            f"Excel が指数表示にして桁が失われています / Excel turned the number into {cell!r} "
            "and its digits are lost: type it again"
        )
    number, extension = split_extension(text)
    if extension and not number.lstrip().startswith("+"):  # our own export's form is no fix
        fixes.append(f"内線 {extension} を分離 / extension {extension} kept")
    digits = _digits(number)
    if region == "JP" and digits.isdigit():
        if _JP_NO_PLUS.fullmatch(digits):
            number = "+" + digits
            fixes.append("先頭の + を補完 / the leading + restored")
        elif _JP_NO_ZERO.fullmatch(digits) and _valid("0" + digits, region):
            number = "0" + digits
            fixes.append("先頭の 0 を補完 / the leading 0 restored")
    parts = parse_phone(number, region)
    entered = entered_form(parts, extension, region, number)
    if fixes:
        fixes.append(f"→ {entered}")
    return PhoneRead(parts, extension, entered, " ".join(fixes))


def _valid(digits: str, region: str) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(digits, region)))
    except phonenumbers.NumberParseException:
        return False


def export_form(e164: str | None, national: str, entered: str) -> str:
    """A stored number as the export writes it: E.164 (or the digits when it has none), with
    the extension kept in the entered form."""
    _, extension = split_extension(unicodedata.normalize("NFKC", entered))
    base = e164 or national
    return f"{base} ext. {extension}" if extension else base
