"""Judge a scan against the card's truth, field by field, as `bench cards` counts it."""

from __future__ import annotations

import re
import unicodedata

from appliance.bizcard.fields import CardFields
from appliance.bizcard.truth import CardTruth

FIELDS = ("name", "company", "title", "phones", "email", "postal_code")


def norm(text: str) -> str:
    """Compare text as a reader would: width-folded, case-folded, spaces ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def digits(text: str) -> str:
    """Only the digits of a number."""
    return re.sub(r"\D", "", text)


def judge(truth: CardTruth, got: CardFields) -> dict[str, bool]:
    """Right or wrong for each benched field; phones must all be found with their labels."""
    want_phones = {(p.kind, digits(p.number)) for p in truth.phones}
    got_phones = {(p.kind, digits(p.number)) for p in got.phones}
    return {
        "name": norm(truth.name) == norm(got.name),
        "company": norm(truth.company) == norm(got.company),
        "title": norm(truth.title) == norm(got.title),
        "phones": want_phones == got_phones,
        "email": truth.email.casefold() == got.email.casefold(),
        "postal_code": digits(truth.postal_code) == digits(got.postal_code),
    }


def found_in_text(truth: CardTruth, text: str) -> dict[str, bool]:
    """Whether plain OCR text holds the name and the e-mail at all (the baseline's measure)."""
    flat = norm(text)
    return {"name": norm(truth.name) in flat, "email": norm(truth.email) in flat}
