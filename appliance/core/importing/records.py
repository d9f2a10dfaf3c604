"""Turn one mapped spreadsheet row into a customer record, or into a reason to reject it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from appliance.contract.search_keys import fold
from appliance.core.errors import InvalidInput
from appliance.core.normalize import PhoneParts, parse_phone

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL_JP = re.compile(r"〒?\s*(\d{3})-?(\d{4})")
_POSTAL_ANY = re.compile(r"〒?[0-9A-Za-z][0-9A-Za-z \-]{1,10}")
_PREFECTURE = re.compile(r"^(東京都|北海道|京都府|大阪府|.{2,3}県)")
_LIST_SPLIT = re.compile(r"[,、，;；/／\n]+")
MAX_FIELD = 2000


@dataclass
class Record:
    """One customer to create, in the values the user gave (NFKC-normalised)."""

    row: int
    name: str
    reading: str = ""
    company: str = ""
    department: str = ""
    title: str = ""
    phones: list[PhoneParts] = field(default_factory=list)
    phone_raw: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    postal_code: str = ""
    prefecture: str = ""
    address: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    name_key: str = ""  # fold(name): what duplicate detection compares


@dataclass(frozen=True)
class Rejected:
    """A row that cannot be imported, with its spreadsheet row number and why."""

    row: int
    reason: str


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def prefecture_of(address: str) -> str:
    """The prefecture an address starts with (東京都, 大阪府, 北海道, ..県), or ''."""
    m = _PREFECTURE.match(address)
    return m.group(1) if m else ""


def build_record(
    row: int, cells: Sequence[str], mapping: Sequence[str], region: str
) -> Record | Rejected:
    """Validate one row; the first problem found is the reason it is rejected."""
    values: dict[str, list[str]] = {}
    for value, name in zip(cells, mapping, strict=False):
        if name != "ignore" and value.strip():
            if len(value) > MAX_FIELD:
                return Rejected(row, f"{name}: 長すぎます / longer than {MAX_FIELD} characters")
            values.setdefault(name, []).append(value.strip())

    def one(name: str) -> str:
        given = values.get(name)
        return _clean(" ".join(given)) if given else ""  # most rows leave most fields empty

    name = one("name") or " ".join(p for p in (one("family_name"), one("given_name")) if p)
    company = one("company")
    if not name and not company:
        return Rejected(row, "氏名も会社名もありません / no name and no company")
    rec = Record(
        row=row,
        name=name or company,
        reading=one("reading"),
        company=company,
        department=one("department"),
        title=one("title"),
        name_key=fold(name or company),
    )
    for raw in values.get("phone", []):
        for part in _LIST_SPLIT.split(raw):
            if not part.strip():
                continue
            try:
                rec.phones.append(parse_phone(part, region))
            except InvalidInput as exc:
                return Rejected(row, str(exc))
            rec.phone_raw.append(part.strip())
    for raw in values.get("email", []):
        for part in _LIST_SPLIT.split(_clean(raw)):
            if part and not _EMAIL.fullmatch(part):
                return Rejected(row, f"メールアドレスが不正です / not an email address: {part!r}")
            if part:
                rec.emails.append(part.lower())
    rec.address = one("address")
    rec.prefecture = one("prefecture") or prefecture_of(rec.address)
    postal = one("postal_code")
    if postal:
        m = _POSTAL_JP.fullmatch(postal)
        # A Japanese address needs a 7-digit code; others keep what their country uses.
        japanese = bool(prefecture_of(rec.prefecture)) or (region == "JP" and not rec.address)
        if (japanese and not m) or not _POSTAL_ANY.fullmatch(postal):
            return Rejected(row, f"郵便番号が不正です / not a postal code: {postal!r}")
        rec.postal_code = f"{m.group(1)}-{m.group(2)}" if m else postal
    rec.notes = [_clean(n) for n in values.get("note", [])]
    rec.tags = [
        t
        for raw in values.get("tags", [])
        for t in (_clean(x) for x in _LIST_SPLIT.split(raw))
        if t
    ]
    return rec
