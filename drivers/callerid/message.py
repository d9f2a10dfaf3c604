"""A decoded caller-ID message in the corpus manifests' notation, or one received with errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RATE = 8000


def render_value(value: str) -> str:
    """Show a field value as the corpus manifests do: control and high bytes as \\xNN."""
    return "".join(c if 0x20 <= ord(c) < 0x7F else f"\\x{ord(c):02X}" for c in value)


@dataclass(frozen=True)
class Decoded:
    """One message: standard heard, sample span, type ('0x80', 'C', '#'), ordered fields.

    `errors` marks a burst that was clearly caller ID but failed its checks (reason E).
    """

    standard: str
    start_sample: int
    end_sample: int
    type: str
    fields: tuple[tuple[str, str], ...]
    errors: bool = False
    raw: str = ""
    quality: float = 0.0

    @property
    def offset_s(self) -> float:
        """Start of the message in seconds from the start of the stream."""
        return round(self.start_sample / RATE, 2)

    def key(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What two hearings of the same message share."""
        return self.type, self.fields

    def expect(self) -> str:
        """The manifest `expect` form: type=0x80;01=01011230;02=...; errors as 'errors'."""
        if self.errors:
            return "errors"
        return ";".join([f"type={self.type}", *(f"{c}={render_value(v)}" for c, v in self.fields)])

    def as_json(self) -> dict[str, Any]:
        """The `ringdesk callerid decode --json` object for this message."""
        doc: dict[str, Any] = {
            "standard": self.standard,
            "offset_s": self.offset_s,
            "type": self.type if not self.errors else None,
            "fields": [{"code": c, "value": render_value(v)} for c, v in self.fields],
        }
        if self.errors:
            doc["errors"] = True
            doc["reason"] = "E"
            doc["raw"] = self.raw
        return doc
