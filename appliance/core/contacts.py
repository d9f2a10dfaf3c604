"""A customer's phones, emails and addresses: add, edit, remove (soft) and undo."""

from __future__ import annotations

import re
from typing import Any

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.calls.follow import follow_number
from appliance.core.errors import InvalidInput, NotFound
from appliance.core.indexing import reindexes_customer
from appliance.core.normalize import parse_phone
from appliance.core.settings import default_region
from appliance.core.text import clean, clean_multiline
from appliance.db.models import Address, Customer, Email, Phone

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_JAPAN = frozenset({"", "JP", "JPN", "JAPAN", "日本"})
_DASHES = re.compile(r"[\s\-‐‑‒–—―−ー─]")
_POSTAL_ANY = re.compile(r"[0-9A-Za-z][0-9A-Za-z \-]{1,10}")
_ADDRESS_TEXT = ("label", "country", "postal_code", "prefecture", "city", "line1", "line2")


@reindexes_customer
def add_phone(
    actor: Actor, customer_id: int, number: str, *, label: str = "", region: str | None = None
) -> Phone:
    """Parse number (default region from settings) and store E.164 + national digits; the
    number's earlier nameless calls and callbacks follow the customer."""
    editing.get_row(Customer, customer_id)
    parts = parse_phone(number, region or default_region())
    phone = editing.create(
        actor,
        Phone,
        customer=customer_id,
        entered=clean(number),
        e164=parts.e164,
        national=parts.national,
        region=parts.region,
        label=clean(label),
    )
    follow_number(actor, customer_id, parts.e164, parts.national)  # its earlier calls
    return phone


@reindexes_customer
def edit_phone(
    actor: Actor,
    phone_id: int,
    expected_version: int,
    *,
    number: str | None = None,
    label: str | None = None,
) -> Phone:
    """Change a phone's number and/or label."""
    changes: dict[str, Any] = {}
    if number is not None:
        parts = parse_phone(number, default_region())
        changes.update(
            entered=clean(number), e164=parts.e164, national=parts.national, region=parts.region
        )
    if label is not None:
        changes["label"] = clean(label)
    phone = editing.update(actor, Phone, phone_id, expected_version, changes)
    if number is not None:
        follow_number(actor, editing.fk_id(phone, "customer") or 0, phone.e164, phone.national)
    return phone


def clean_email(address: str) -> str:
    """NFKC, trimmed, domain lower-cased; InvalidInput when it is not an address."""
    text = clean(address).replace(" ", "")
    if not _EMAIL.match(text):
        raise InvalidInput(f"メールアドレスとして読めません / not an email address: {address!r}")
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


@reindexes_customer
def add_email(actor: Actor, customer_id: int, address: str, *, label: str = "") -> Email:
    """Store an email address for the customer."""
    editing.get_row(Customer, customer_id)
    return editing.create(
        actor, Email, customer=customer_id, address=clean_email(address), label=clean(label)
    )


@reindexes_customer
def edit_email(
    actor: Actor,
    email_id: int,
    expected_version: int,
    *,
    address: str | None = None,
    label: str | None = None,
) -> Email:
    """Change an email's address and/or label."""
    changes: dict[str, Any] = {}
    if address is not None:
        changes["address"] = clean_email(address)
    if label is not None:
        changes["label"] = clean(label)
    return editing.update(actor, Email, email_id, expected_version, changes)


def clean_postal_code(code: str, country: str) -> str:
    """Japan: 7 digits as 123-4567 (full-width, 〒 and any dash accepted); elsewhere letters,
    digits, spaces and dashes as the country writes them. InvalidInput otherwise."""
    text = clean(code).replace("〒", "").strip()
    if not text:
        return ""
    if clean(country).upper() in _JAPAN:
        digits = _DASHES.sub("", text)
        if not (digits.isascii() and digits.isdigit() and len(digits) == 7):
            raise InvalidInput(
                f"郵便番号は 7 桁です (例 123-4567) / a Japanese postal code has 7 digits: {code!r}"
            )
        return f"{digits[:3]}-{digits[3:]}"
    if not _POSTAL_ANY.fullmatch(text):
        raise InvalidInput(f"郵便番号として読めません / not a postal code: {code!r}")
    return text


def _address_fields(fields: dict[str, Any], stored_country: str = "JP") -> dict[str, Any]:
    allowed = {*_ADDRESS_TEXT, "delivery_notes", "lat", "lon"}
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidInput(f"住所の項目ではありません / not address fields: {sorted(unknown)}")
    out: dict[str, Any] = {k: clean(v) for k, v in fields.items() if k in _ADDRESS_TEXT}
    if "delivery_notes" in fields:
        out["delivery_notes"] = clean_multiline(fields["delivery_notes"])
    for axis, bound in (("lat", 90.0), ("lon", 180.0)):
        if fields.get(axis) is not None:
            value = float(fields[axis])
            if not -bound <= value <= bound:
                raise InvalidInput(f"{axis} は範囲外です / {axis} out of range: {value}")
            out[axis] = value
    if "postal_code" in out:
        out["postal_code"] = clean_postal_code(
            out["postal_code"], out.get("country", stored_country)
        )
    return out


@reindexes_customer
def add_address(actor: Actor, customer_id: int, **fields: Any) -> Address:
    """Store a postal address (postal_code, prefecture, city, line1/2, delivery_notes, lat/lon)."""
    editing.get_row(Customer, customer_id)
    return editing.create(actor, Address, customer=customer_id, **_address_fields(fields))


@reindexes_customer
def edit_address(actor: Actor, address_id: int, expected_version: int, **fields: Any) -> Address:
    """Change fields of an address (the postal code is read in its new or stored country)."""
    stored = editing.get_row(Address, address_id, include_deleted=True).country
    changes = _address_fields(fields, stored)
    return editing.update(actor, Address, address_id, expected_version, changes)


_KINDS: dict[str, type[Phone] | type[Email] | type[Address]] = {
    "phone": Phone,
    "email": Email,
    "address": Address,
}


@reindexes_customer
def remove_contact(
    actor: Actor, kind: str, row_id: int, expected_version: int
) -> Phone | Email | Address:
    """Soft-delete a phone, email or address (restore_contact undoes it)."""
    return editing.soft_delete(actor, _KINDS[kind], row_id, expected_version)


@reindexes_customer
def restore_contact(actor: Actor, kind: str, row_id: int) -> Phone | Email | Address:
    """Undo remove_contact."""
    return editing.restore(actor, _KINDS[kind], row_id)


def contact_of(kind: str, customer_id: int, row_id: int) -> Phone | Email | Address:
    """The phone, email or address row_id of this customer (removed ones too); NotFound when
    it is another customer's or missing."""
    model = _KINDS[kind]
    row = editing.get_row(model, row_id, include_deleted=True)
    if editing.fk_id(row, "customer") != customer_id:
        raise NotFound(f"見つかりません / {kind} #{row_id} not found")
    return row
