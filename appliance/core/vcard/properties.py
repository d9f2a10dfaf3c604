"""Which vCard property carries which customer field, both ways: the standard ones (FN, N,
ORG, TITLE, TEL, EMAIL, ADR, NOTE, CATEGORIES, BDAY, GENDER, KIND, readings) and
X-RINGDESK-* for the fields no standard names, so our own cards come back whole."""

from __future__ import annotations

# Customer fields written as X-RINGDESK-<NAME> (text, one each).
X_FIELDS = {
    "ref": "X-RINGDESK-ID",
    "birthplace": "X-RINGDESK-BIRTHPLACE",
    "occupation": "X-RINGDESK-OCCUPATION",
    "interests": "X-RINGDESK-INTERESTS",
    "household": "X-RINGDESK-HOUSEHOLD",
    "income_band": "X-RINGDESK-INCOME-BAND",
    "vip": "X-RINGDESK-VIP",
    "caution": "X-RINGDESK-CAUTION",
    "caution_note": "X-RINGDESK-CAUTION-NOTE",
    "blocked": "X-RINGDESK-BLOCKED",
}
X_NAMES = {name: field for field, name in X_FIELDS.items()}
CUSTOM = "X-RINGDESK-FIELD"  # ;KEY=allergy;LABEL=アレルギー:そば
DELIVERY = "X-RINGDESK-DELIVERY-NOTES"  # grouped with its ADR
GEO = "X-RINGDESK-GEO"  # grouped with its ADR: lat,lon
LABEL = "X-ABLABEL"  # grouped with its TEL, EMAIL or ADR (as Apple's contacts write it)
PHONETIC_LAST, PHONETIC_FIRST = "X-PHONETIC-LAST-NAME", "X-PHONETIC-FIRST-NAME"
ADDRESS_PARTS = (
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
)
GENDERS = {"female": "F", "male": "M", "other": "O", "unknown": "U"}
GENDER_OF = {v: k for k, v in GENDERS.items()}
# A label's TYPE when it names a standard one; any label is also kept whole in X-ABLABEL.
_TYPES = {
    "携帯": "cell",
    "mobile": "cell",
    "cell": "cell",
    "自宅": "home",
    "home": "home",
    "会社": "work",
    "勤務先": "work",
    "work": "work",
    "fax": "fax",
}


def type_of(label: str, default: str) -> str:
    """The TYPE parameter for a label."""
    return _TYPES.get(label.strip().lower(), default)


def label_of(types: set[str]) -> str:
    """A label for a property that has only TYPE values (pref and internet aside)."""
    useful = sorted(types - {"pref", "internet", "voice", "x400"})
    return useful[0] if useful else ""
