"""The fields read off a card and how sure the reader is of each, in the JSON shape of the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PHONE_KINDS = ("tel", "fax", "mobile")


@dataclass(frozen=True)
class CardPhone:
    """A phone number as printed, with its label: tel, fax or mobile."""

    kind: str
    number: str


@dataclass
class CardFields:
    """Name, reading, company, department, title, postal code, address, phones, e-mail, URL."""

    name: str = ""
    reading: str = ""
    company: str = ""
    department: str = ""
    title: str = ""
    postal_code: str = ""
    address: str = ""
    phones: list[CardPhone] = field(default_factory=list)
    email: str = ""
    url: str = ""


@dataclass
class ScanResult:
    """What a scan found: the fields, a 0-1 confidence per field found, the text it read."""

    fields: CardFields
    confidence: dict[str, float]
    text: str
    vertical: bool = False

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON object: {"fields": {...}, "confidence": {...}} plus layout and text."""
        return {
            "fields": asdict(self.fields),
            "confidence": {k: round(v, 2) for k, v in self.confidence.items()},
            "layout": "vertical" if self.vertical else "horizontal",
            "text": self.text,
        }
