"""Sans-IO modem caller-ID line parser: bytes in, LineEvents out (labelled text, hex SDMF/MDMF)."""

from __future__ import annotations

import re

from drivers.base import CallerId, LineEvent, Reason, Ring, Standard, Unparsed

_LABEL = re.compile(r"^\s*([A-Z_ ]+?)\s*[=:]\s*(.*)$")
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2}){3,}$")
_NUMBER_LABELS = {"NMBR", "DDN_NMBR", "DDN", "NUMBER"}
_NAME_LABELS = {"NAME"}
_OTHER_LABELS = {"DATE", "TIME", "MESG", "DATE TIME", "CALLER NUMBER", "CALLER NAME"}
_KNOWN_LABELS = _NUMBER_LABELS | _NAME_LABELS | _OTHER_LABELS
_REASONS = {r.value: r for r in Reason}
_MAX_LINE = 512


def _reason(value: str) -> tuple[str | None, Reason | None]:
    v = value.strip()
    if v in _REASONS:
        return None, _REASONS[v]
    return (v or None), None


def decode_hex_message(text: str) -> tuple[Standard, list[tuple[int, bytes]]]:
    """Decode one hex SDMF (0x04) or MDMF (0x80) message; raises ValueError with the reason."""
    data = bytes.fromhex(text)
    if len(data) < 3:
        raise ValueError("hex message shorter than 3 bytes")
    kind, length = data[0], data[1]
    body = data[2 : 2 + length]
    if len(body) != length:
        raise ValueError(f"hex message says {length} bytes but carries {len(body)}")
    if len(data) < 3 + length:
        raise ValueError("hex message has no checksum byte")
    if sum(data[: 3 + length]) % 256 != 0:
        raise ValueError("hex message checksum does not verify")
    if kind == 0x04:
        if len(body) < 8:
            raise ValueError("SDMF body shorter than its 8-digit date")
        return Standard.BELL202_SDMF, [(0x01, body[:8]), (0x02, body[8:])]
    if kind != 0x80:
        raise ValueError(f"unknown message type 0x{kind:02X}")
    fields: list[tuple[int, bytes]] = []
    i = 0
    while i < len(body):
        if i + 2 > len(body) or i + 2 + body[i + 1] > len(body):
            raise ValueError("MDMF parameter runs past the message end")
        code, plen = body[i], body[i + 1]
        fields.append((code, body[i + 2 : i + 2 + plen]))
        i += 2 + plen
    return Standard.BELL202_MDMF, fields


class CidLineParser:
    """Feed modem bytes in any split; collect RING and caller-ID events, keeping every raw line."""

    def __init__(self, line: str = "line1") -> None:
        self.line = line
        self._buf = bytearray()
        self._raw: list[str] = []
        self._number: str | None = None
        self._name: str | None = None
        self._reason: Reason | None = None
        self._name_reason: Reason | None = None
        self._when: list[str] = []
        self._rings = 0

    def feed(self, data: bytes) -> list[LineEvent]:
        """Return events completed by `data`; never raises on bad input."""
        out: list[LineEvent] = []
        for b in data:
            if b in (0x0D, 0x0A):
                if self._buf:
                    out.extend(self._line(bytes(self._buf)))
                    self._buf.clear()
                continue
            self._buf.append(b)
            if len(self._buf) > _MAX_LINE:
                why = "line longer than 512 bytes"
                out.append(Unparsed(self.line, raw=bytes(self._buf), why=why))
                self._buf.clear()
        return out

    @property
    def pending(self) -> bool:
        """True while caller-ID fields wait for the end of their block."""
        return bool(self._raw)

    @property
    def complete(self) -> bool:
        """True once both the number (or its reason) and the name (or its reason) arrived."""
        has_number = self._number is not None or self._reason is not None
        has_name = self._name is not None or self._name_reason is not None
        return has_number and has_name

    @staticmethod
    def recognises(text: str) -> bool:
        """True when `text` is a caller-ID field line (known label) or a hex SDMF/MDMF line."""
        s = text.strip()
        if _HEX.match(s):
            return s[:2] in ("04", "80")
        m = _LABEL.match(s)
        return m is not None and m.group(1).strip() in _KNOWN_LABELS

    def flush(self) -> list[LineEvent]:
        """Emit any caller-ID fields still pending (e.g. at end of input)."""
        return self._emit_cid()

    def _emit_cid(self) -> list[LineEvent]:
        if not self._raw:
            return []
        ev = CallerId(
            self.line,
            number=self._number,
            name=self._name,
            reason=self._reason,
            name_reason=self._name_reason,
            when="".join(self._when) or None,
            standard=Standard.MODEM_TEXT,
            raw=tuple(self._raw),
        )
        self._raw, self._number, self._name = [], None, None
        self._reason = self._name_reason = None
        self._when = []
        return [ev]

    def _line(self, raw: bytes) -> list[LineEvent]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        s = text.strip()
        if s in ("RING", "CID RING") or (s.startswith("RING ") and len(s) == 6):
            out = self._emit_cid()
            self._rings += 1
            return [*out, Ring(self.line, count=self._rings)]
        if _HEX.match(s):
            return self._hex(s)
        m = _LABEL.match(s)
        if m is None:
            why = "not a RING, label=value or hex caller-ID line"
            return [Unparsed(self.line, raw=raw, why=why)]
        label, value = m.group(1).strip(), m.group(2).strip()
        if label not in _KNOWN_LABELS:
            return [Unparsed(self.line, raw=raw, why=f"unknown caller-ID label {label!r}")]
        self._raw.append(text)
        if label in _NUMBER_LABELS:
            self._number, self._reason = _reason(value)
        elif label in _NAME_LABELS:
            self._name, self._name_reason = _reason(value)
        elif label in ("DATE", "TIME", "DATE TIME"):
            self._when.append(re.sub(r"\D", "", value))
        return []

    def _hex(self, s: str) -> list[LineEvent]:
        try:
            standard, fields = decode_hex_message(s)
        except ValueError as exc:
            return [Unparsed(self.line, raw=s.encode(), why=str(exc))]
        got = {code: val.decode("latin-1") for code, val in fields}
        number, reason = _reason(got.get(0x02, "") or got.get(0x04, ""))
        name, name_reason = _reason(got.get(0x07, "") or got.get(0x08, ""))
        return [
            CallerId(
                self.line,
                number=number,
                name=name,
                reason=reason,
                name_reason=name_reason,
                when=got.get(0x01),
                standard=standard,
                raw=(s,),
                fields=tuple(fields),
            )
        ]
