"""Write customers as vCard 3.0 or 4.0, from the same cells the spreadsheet export writes
(so a card carries every field), with their notes as NOTE."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from appliance.core.errors import InvalidInput
from appliance.core.exporting import Cell, export_table
from appliance.core.importing.columns import own_column
from appliance.core.vcard import properties as p
from appliance.core.vcard.text import escape, fold, param
from appliance.db.models import Customer, Note

VERSIONS = ("3.0", "4.0")
Fields = dict[str, dict[int, str]]


def _fields(headers: Sequence[str], row: Sequence[Cell]) -> tuple[Fields, dict[str, str]]:
    """(field -> slot -> text, custom key -> label) of one export row."""
    fields: Fields = defaultdict(dict)
    labels: dict[str, str] = {}
    for header, value in zip(headers, row, strict=True):
        column = own_column(header)
        if column is None:
            continue
        name, slot = column
        text = ("TRUE" if value else "") if isinstance(value, bool) else value
        fields[name][slot] = text
        if name.startswith("custom:"):
            labels[name[7:]] = header.split(" ", 1)[1] if " " in header else name[7:]
    return fields, labels


def _one(fields: Fields, name: str) -> str:
    return fields.get(name, {}).get(0, "")


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) of a display name: 山田 太郎 -> 山田, 太郎; John Smith -> Smith, John."""
    if name.isascii() and " " in name:
        given, _, family = name.rpartition(" ")
        return family, given
    family, _, given = name.partition(" ")
    return family, given


def _names(out: list[str], f: Fields, version: str) -> None:
    name, reading = _one(f, "name"), _one(f, "reading")
    company = _one(f, "kind") == "company"
    family, given = ("", "") if company else _split_name(name)
    last, _, first = reading.partition(" ")
    sort = f";SORT-AS={param(f'{last},{first}' if first else last)}" if reading else ""
    n_params = sort if version == "4.0" else ""
    out.append(f"FN:{escape(name)}")
    out.append(f"N{n_params}:{escape(family)};{escape(given)};;;")
    if reading:
        out.append(f"{p.PHONETIC_LAST}:{escape(last)}")
        if first:
            out.append(f"{p.PHONETIC_FIRST}:{escape(first)}")
        if version == "3.0":
            out.append(f"SORT-STRING:{escape(reading)}")
    if version == "4.0":
        out.append(f"KIND:{'org' if company else 'individual'}")
    else:
        out.append(f"X-RINGDESK-KIND:{_one(f, 'kind')}")


def _person(out: list[str], f: Fields, version: str) -> None:
    company, department = _one(f, "company"), _one(f, "department")
    if company or department:
        out.append(f"ORG:{escape(company)};{escape(department)}")
    if _one(f, "title"):
        out.append(f"TITLE:{escape(_one(f, 'title'))}")
    gender = p.GENDERS.get(_one(f, "gender"), "U")
    out.append(f"GENDER:{gender}" if version == "4.0" else f"X-GENDER:{gender}")
    born = _one(f, "birth_date")
    if born:
        out.append(f"BDAY:{born.replace('-', '') if version == '4.0' else born}")
    tags = [t for t in _one(f, "tag_lines").split("\n") if t]
    if tags:
        out.append("CATEGORIES:" + ",".join(escape(t) for t in tags))
    for name, prop in p.X_FIELDS.items():
        if _one(f, name):
            out.append(f"{prop}:{escape(_one(f, name))}")


def _contacts(out: list[str], f: Fields, version: str) -> None:
    item = 0
    for slot, number in sorted(f.get("phone", {}).items()):
        if not number:
            continue
        item += 1
        label = f.get("phone_label", {}).get(slot, "")
        kind = p.type_of(label, "voice")
        if version == "4.0":
            base, _, ext = number.partition(" ext. ")
            value = f"tel:{base}" + (f";ext={ext}" if ext else "")
            out.append(f"item{item}.TEL;VALUE=uri;TYPE={kind}:{value}")
        else:
            out.append(f"item{item}.TEL;TYPE={kind}:{number}")
        if label:
            out.append(f"item{item}.{p.LABEL}:{escape(label)}")
    for slot, address in sorted(f.get("email", {}).items()):
        if not address:
            continue
        item += 1
        label = f.get("email_label", {}).get(slot, "")
        kind = p.type_of(label, "")
        kind = kind if kind in ("home", "work") else ("internet" if version == "3.0" else "")
        out.append(f"item{item}.EMAIL" + (f";TYPE={kind}" if kind else "") + f":{address}")
        if label:
            out.append(f"item{item}.{p.LABEL}:{escape(label)}")
    item = _addresses(out, f, item)


def _addresses(out: list[str], f: Fields, item: int) -> int:
    slots = sorted({s for name in p.ADDRESS_PARTS for s in f.get(name, {})})
    for slot in slots:
        parts = {name: f.get(name, {}).get(slot, "") for name in p.ADDRESS_PARTS}
        if not any(parts.values()):
            continue
        item += 1
        label = parts["address_label"]
        kind = p.type_of(label, "")
        components = ["", parts["line2"], parts["address"], parts["city"], parts["prefecture"]]
        components += [parts["postal_code"], parts["country"]]
        adr = ";".join(escape(c) for c in components)
        out.append(f"item{item}.ADR" + (f";TYPE={kind}" if kind else "") + f":{adr}")
        if label:
            out.append(f"item{item}.{p.LABEL}:{escape(label)}")
        if parts["delivery_notes"]:
            out.append(f"item{item}.{p.DELIVERY}:{escape(parts['delivery_notes'])}")
        if parts["lat"] or parts["lon"]:
            out.append(f"item{item}.{p.GEO}:{parts['lat']}\\,{parts['lon']}")
    return item


def card_lines(
    headers: Sequence[str], row: Sequence[Cell], notes: Sequence[str], version: str
) -> list[str]:
    """The content lines (unfolded) of one customer's card."""
    f, labels = _fields(headers, row)
    out = ["BEGIN:VCARD", f"VERSION:{version}"]
    _names(out, f, version)
    _person(out, f, version)
    _contacts(out, f, version)
    for name, slots in f.items():
        if name.startswith("custom:") and slots.get(0):
            key = name[7:]
            out.append(f"{p.CUSTOM};KEY={param(key)};LABEL={param(labels[key])}:{escape(slots[0])}")
    out.extend(f"NOTE:{escape(body)}" for body in notes)
    out.append("END:VCARD")
    return out


def _notes() -> dict[str, list[str]]:
    rows: Any = (
        Note.select(Note.customer, Note.body)
        .join(Customer)
        .where(Note.deleted_at.is_null() & Customer.deleted_at.is_null())
        .order_by(getattr(Note, "id"))  # noqa: B009
        .tuples()
    )
    out: dict[str, list[str]] = defaultdict(list)
    for cid, body in rows.iterator():
        out[str(cid)].append(body)
    return out


def export_vcards(
    path: Path, version: str = "3.0", progress: Callable[[int], None] | None = None
) -> int:
    """Write every live customer to path as vCard version (3.0 or 4.0, UTF-8), readable by
    its owner only; the count."""
    if version not in VERSIONS:
        raise InvalidInput("vCard の版は 3.0 か 4.0 です / vCard version must be 3.0 or 4.0")
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)
    with open(path, "wb") as fh:
        return write_vcards(fh, version, progress)


def write_vcards(
    sink: IO[bytes], version: str = "3.0", progress: Callable[[int], None] | None = None
) -> int:
    """Write every live customer to sink as vCard version (3.0 or 4.0, UTF-8); the count."""
    if version not in VERSIONS:
        raise InvalidInput("vCard の版は 3.0 か 4.0 です / vCard version must be 3.0 or 4.0")
    headers, rows = export_table()
    notes = _notes()
    count = 0
    for count, row in enumerate(rows, start=1):
        lines = card_lines(headers, row, notes.get(str(row[0]), []), version)
        sink.write("".join(fold(line) for line in lines).encode("utf-8"))
        if progress and count % 1000 == 0:
            progress(count)
    return count
