"""Turn one mapped spreadsheet row into a customer record, or into a reason to reject it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from appliance.contract.search_keys import fold
from appliance.core.errors import InvalidInput
from appliance.core.importing import values
from appliance.core.importing.columns import Column
from appliance.core.importing.mapping import CUSTOM
from appliance.core.importing.phones import read_phone
from appliance.core.normalize import PhoneParts
from appliance.core.text import clean_multiline

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL_JP = re.compile(r"〒?\s*(\d{3})-?(\d{4})")
_POSTAL_ANY = re.compile(r"〒?[0-9A-Za-z][0-9A-Za-z \-]{1,10}")
_PREFECTURE = re.compile(r"^(東京都|北海道|京都府|大阪府|.{2,3}県)")
_LIST_SPLIT = re.compile(r"[,、，;；/／\n]+")
MAX_FIELD = 2000
TEXT_ATTRIBUTES = ("birthplace", "occupation", "household", "income_band")
MULTILINE = frozenset({"interests", "caution_note", "delivery_notes", "note"})
_ADDRESS_PARTS = frozenset(
    {
        "address_label",
        "country",
        "postal_code",
        "prefecture",
        "city",
        "address",
        "line2",
        "delivery_notes",
        "lat",
        "lon",
    }
)


@dataclass
class AddressEntry:
    """One address of a record (line1 without the prefecture it may have started with)."""

    label: str = ""
    country: str = "JP"
    postal_code: str = ""
    prefecture: str = ""
    city: str = ""
    line1: str = ""
    line2: str = ""
    delivery_notes: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass
class Record:
    """One customer to create, in the values the user gave (NFKC-normalised)."""

    row: int
    name: str
    ref: str = ""  # the customer id an export gave it (matches it in the same box)
    kind: str = "person"
    reading: str = ""
    company: str = ""
    department: str = ""
    title: str = ""
    gender: str = "unknown"
    birth_date: dt.date | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # TEXT_ATTRIBUTES, interests
    vip: bool = False
    caution: bool = False
    caution_note: str = ""
    blocked: bool = False
    phones: list[PhoneParts] = field(default_factory=list)
    phone_raw: list[str] = field(default_factory=list)  # as stored: display form + extension
    phone_labels: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    email_labels: list[str] = field(default_factory=list)
    addresses: list[AddressEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    custom: dict[str, str] = field(default_factory=dict)
    fixes: list[str] = field(default_factory=list)  # what was mended on the way, in words
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


def split_list(text: str, *, lines: bool = False) -> list[str]:
    """A list cell's items: one per line (with lines, or when it has lines), else split on
    , 、 ; / as people type them."""
    parts = text.split("\n") if lines or "\n" in text else _LIST_SPLIT.split(text)
    return [t for t in (_clean(p) for p in parts) if t]


Values = dict[Column, list[str]]


def _gather(row: int, cells: Sequence[str], columns: Sequence[Column]) -> Values | Rejected:
    found: Values = {}
    for value, column in zip(cells, columns, strict=False):
        if column[0] != "ignore" and value.strip():
            if len(value) > MAX_FIELD:
                why = f"{column[0]}: 長すぎます / longer than {MAX_FIELD} characters"
                return Rejected(row, why)
            found.setdefault(column, []).append(value.strip())
    return found


def _one(found: Values, name: str, slot: int = 0) -> str:
    given = found.get((name, slot))
    if not given:  # most rows leave most fields empty
        return ""
    if name in MULTILINE:
        return clean_multiline("\n".join(given))
    return _clean(" ".join(given))


def build_record(
    row: int, cells: Sequence[str], columns: Sequence[Column], region: str
) -> Record | Rejected:
    """Validate one row; the first problem found is the reason it is rejected."""
    found = _gather(row, cells, columns)
    if isinstance(found, Rejected):
        return found
    name = _one(found, "name") or " ".join(
        p for p in (_one(found, "family_name"), _one(found, "given_name")) if p
    )
    company = _one(found, "company")
    if not name and not company:
        return Rejected(row, "氏名も会社名もありません / no name and no company")
    rec = Record(
        row=row,
        name=name or company,
        ref=_one(found, "ref"),
        reading=_one(found, "reading"),
        company=company,
        department=_one(found, "department"),
        title=_one(found, "title"),
        caution_note=_one(found, "caution_note"),
        name_key=fold(name or company),
    )
    try:
        _typed_fields(rec, found, name)
        _contacts(rec, found, region)
        _addresses(rec, found, region)
    except (InvalidInput, ValueError) as exc:
        return Rejected(row, str(exc))
    rec.notes = [clean_multiline(n) for n in found.get(("note", 0), [])]
    rec.tags = [t for raw in found.get(("tags", 0), []) for t in split_list(raw)]
    rec.tags += [t for raw in found.get(("tag_lines", 0), []) for t in split_list(raw, lines=True)]
    return rec


def _typed_fields(rec: Record, found: Values, name: str) -> None:
    kind = _one(found, "kind")
    rec.kind = values.kind(kind) if kind else ("company" if not name else "person")
    rec.gender = values.gender(_one(found, "gender"))
    born = _one(found, "birth_date")
    rec.birth_date = values.date(born, past=True) if born else None
    for attr in (*TEXT_ATTRIBUTES, "interests"):
        text = _one(found, attr)
        if text:
            rec.attributes[attr] = text
    rec.vip = values.flag(_one(found, "vip"))
    rec.caution = values.flag(_one(found, "caution"))
    rec.blocked = values.flag(_one(found, "blocked"))
    for (field_name, _), given in found.items():
        if field_name.startswith(CUSTOM):
            rec.custom[field_name[len(CUSTOM) :]] = clean_multiline("\n".join(given))


def _slots(found: Values, names: frozenset[str] | set[str]) -> list[int]:
    return sorted({slot for name, slot in found if name in names})


def _contacts(rec: Record, found: Values, region: str) -> None:
    for slot in _slots(found, {"phone"}):
        label = _one(found, "phone_label", slot)
        for raw in found[("phone", slot)]:
            for part in _LIST_SPLIT.split(raw):
                if not part.strip():
                    continue
                read = read_phone(part, region)
                rec.phones.append(read.parts)
                rec.phone_raw.append(read.entered)
                rec.phone_labels.append(label)
                if read.fix:
                    rec.fixes.append(f"{part.strip()}: {read.fix}")
    for slot in _slots(found, {"email"}):
        label = _one(found, "email_label", slot)
        for raw in found[("email", slot)]:
            for part in _LIST_SPLIT.split(_clean(raw)):
                if part and not _EMAIL.fullmatch(part):
                    raise InvalidInput(f"メールアドレスが不正です / not an email address: {part!r}")
                if part:
                    rec.emails.append(part.lower())
                    rec.email_labels.append(label)


def _addresses(rec: Record, found: Values, region: str) -> None:
    for slot in _slots(found, _ADDRESS_PARTS):
        line1 = _one(found, "address", slot)
        entry = AddressEntry(
            label=_one(found, "address_label", slot),
            country=_one(found, "country", slot) or region,
            prefecture=_one(found, "prefecture", slot) or prefecture_of(line1),
            city=_one(found, "city", slot),
            line2=_one(found, "line2", slot),
            delivery_notes=_one(found, "delivery_notes", slot),
        )
        entry.line1 = line1.removeprefix(entry.prefecture) if entry.prefecture else line1
        lat, lon = _one(found, "lat", slot), _one(found, "lon", slot)
        entry.lat = values.coordinate(lat, 90) if lat else None
        entry.lon = values.coordinate(lon, 180) if lon else None
        postal = _one(found, "postal_code", slot)
        if postal:
            m = _POSTAL_JP.fullmatch(postal)
            # A Japanese address needs a 7-digit code; others keep what their country uses.
            japanese = bool(prefecture_of(entry.prefecture)) or (
                entry.country == "JP" and region == "JP" and not (line1 or entry.city)
            )
            if (japanese and not m) or not _POSTAL_ANY.fullmatch(postal):
                raise InvalidInput(f"郵便番号が不正です / not a postal code: {postal!r}")
            entry.postal_code = f"{m.group(1)}-{m.group(2)}" if m else postal
        rec.addresses.append(entry)
