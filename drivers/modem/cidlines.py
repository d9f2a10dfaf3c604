"""Sans-IO modem caller-ID line parser: bytes in, LineEvents out (labelled text, hex SDMF/MDMF)."""

from __future__ import annotations

import re

from drivers.base import CallerId, LineEvent, Reason, Ring, Standard, Unparsed
from drivers.callerid.bellcore import parse_body
from drivers.lineframe import LineFramer, Overlong
from drivers.modem.cidformats import one_line
from drivers.reserved import name_field, number_field, reason_word

_LABEL = re.compile(r"^\s*([A-Z_ ']+?)\s*[=:]\s*(.*)$")
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2}){3,}$")
_NUMBER_LABELS = {"NMBR", "DDN_NMBR", "DDN", "NUMBER", "NBR", "CALLER NUMBER", "CALLER'S NUMBER"}
_NAME_LABELS = {"NAME", "CALLER NAME"}
_NAME_REASON_LABELS = {"REASON NO NAME", "REASON FOR NO CALLER NAME"}
_NUMBER_REASON_LABELS = {"REASON FOR NO CALLER NUMBER"}
_WHEN_LABELS = {"DATE", "TIME", "DATE TIME"}
_OTHER_LABELS = {"MESG", "QUAL", "REDIRECT", "LOOKUP NAME", "CALLBACK NMBR"}
_KNOWN_LABELS = (
    _NUMBER_LABELS
    | _NAME_LABELS
    | _NAME_REASON_LABELS
    | _NUMBER_REASON_LABELS
    | _WHEN_LABELS
    | _OTHER_LABELS
)
# Several "LABEL=value" fields run together on one line ("NAME=ARCHER L   NMBR=5071234567").
_RUN_ON = re.compile(r"(DDN_NMBR|DATE TIME|NMBR|NAME|DATE|TIME|MESG)\s*=")
_MAX_LINE = 512


class ImplausibleFieldError(ValueError):
    """The checksum verified but a field is not what its type allows (received with errors)."""


def decode_hex_message(text: str) -> tuple[Standard, list[tuple[int, bytes]]]:
    """Decode one hex SDMF (0x04) or MDMF (0x80) message; raises ValueError with the reason.

    After the checksum every field is checked for its type (ImplausibleFieldError when one fails).
    """
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
    if kind in (0x04, 0x80) and parse_body(kind, body) is None:
        raise ImplausibleFieldError("a field of the hex message is not plausible for its type")
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


def _kind(text: str) -> Standard:
    return Standard.BELL202_SDMF if text[:2] == "04" else Standard.BELL202_MDMF


def _fields(s: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of one text line, or None when it is not a labelled line."""
    runs = list(_RUN_ON.finditer(s))
    if len(runs) >= 2 and runs[0].start() == 0:
        return [
            (m.group(1), s[m.end() : nxt.start() if nxt else len(s)].strip())
            for m, nxt in zip(runs, [*runs[1:], None], strict=True)
        ]
    m = _LABEL.match(s)
    if m is None:
        return None
    return [(m.group(1).strip(), m.group(2).strip())]


class CidLineParser:
    """Feed modem bytes in any split; collect RING and caller-ID events, keeping every raw line."""

    def __init__(self, line: str = "line1") -> None:
        self.line = line
        self._framer = LineFramer(_MAX_LINE)
        self._rings = 0
        self._hex_part = ""
        self._clear()

    def _clear(self) -> None:
        self._raw: list[str] = []
        self._number: str | None = None
        self._name: str | None = None
        self._reason: Reason | None = None
        self._name_reason: Reason | None = None
        self._when: list[str] = []

    def feed(self, data: bytes) -> list[LineEvent]:
        """Return events completed by `data`; never raises on bad input."""
        out: list[LineEvent] = []
        for item in self._framer.feed(data):
            if isinstance(item, Overlong):
                why = "line longer than 512 bytes: dropped up to its end"
                out.append(Unparsed(self.line, raw=item.head, why=why))
            else:
                out.extend(self._line(item))
        return out

    def feed_line(self, raw: bytes) -> list[LineEvent]:
        """One line already split off (without its CR/LF); same events as feed()."""
        return self._line(raw) if raw else []

    @property
    def pending(self) -> bool:
        """True while caller-ID fields wait for the end of their block."""
        return bool(self._raw) or bool(self._hex_part)

    @property
    def complete(self) -> bool:
        """True once both the number (or its reason) and the name (or its reason) arrived."""
        return self._has_number and self._has_name

    @property
    def has_number(self) -> bool:
        """True once the pending block has its number (or the reason there is none)."""
        return self._has_number

    @property
    def _has_number(self) -> bool:
        return self._number is not None or self._reason is not None

    @property
    def _has_name(self) -> bool:
        return self._name is not None or self._name_reason is not None

    @staticmethod
    def recognises(text: str) -> bool:
        """True when `text` is a caller-ID line: a known label, hex SDMF/MDMF or a box record."""
        s = text.strip()
        if _HEX.match(s):
            return s[:2] in ("04", "80")
        if one_line(s) is not None or s in ("CALLING MSG", "END MSG"):
            return True
        fields = _fields(s)
        return fields is not None and all(label in _KNOWN_LABELS for label, _ in fields)

    def flush(self) -> list[LineEvent]:
        """Emit any caller-ID fields still pending (e.g. at end of input)."""
        return self._end_hex() + self._emit_cid()

    def _emit_cid(self) -> list[LineEvent]:
        if not self._raw:
            return []
        raw = tuple(self._raw)
        if not (self._has_number or self._has_name):
            self._clear()
            why = "caller-ID fields without a number or a name"
            return [Unparsed(self.line, raw="\n".join(raw).encode("utf-8"), why=why)]
        ev = CallerId(
            self.line,
            number=self._number,
            name=self._name,
            reason=self._reason,
            name_reason=self._name_reason,
            when="".join(self._when) or None,
            standard=Standard.MODEM_TEXT,
            raw=raw,
        )
        self._clear()
        return [ev]

    def _line(self, raw: bytes) -> list[LineEvent]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        s = text.strip()
        if s in ("RING", "CID RING") or (s.startswith("RING ") and len(s) == 6):
            out = self.flush()
            self._rings += 1
            return [*out, Ring(self.line, count=self._rings)]
        if _HEX.match(s):
            return self._hex(s)
        out = self._end_hex()
        if s in ("CALLING MSG", "END MSG"):  # Kortex block delimiters
            return out + self._emit_cid()
        box = one_line(s)
        if box is not None:
            return out + self._emit_cid() + [self._box(box.number, box.name, box.when, text)]
        fields = _fields(s)
        if fields is None or any(label not in _KNOWN_LABELS for label, _ in fields):
            what = (
                "not a RING, label=value or hex caller-ID line"
                if fields is None
                else (f"unknown caller-ID label {fields[0][0]!r}")
            )
            return [*out, Unparsed(self.line, raw=raw, why=what)]
        for label, _ in fields:
            repeated = (label in _NUMBER_LABELS and self._has_number) or (
                label in _NAME_LABELS and self._has_name
            )
            if repeated:
                out += self._emit_cid()  # a second number: the previous call's block is over
                break
        self._raw.append(text)
        for label, value in fields:
            self._field(label, value)
        return out

    def _field(self, label: str, value: str) -> None:
        if label in _NUMBER_LABELS:
            self._number, self._reason = number_field(value)
        elif label in _NAME_LABELS:
            self._name, self._name_reason = name_field(value)
        elif label in _NAME_REASON_LABELS:
            self._name_reason = reason_word(value) or Reason.OUT_OF_AREA
        elif label in _NUMBER_REASON_LABELS:
            self._reason = reason_word(value) or Reason.OUT_OF_AREA
        elif label in _WHEN_LABELS:
            self._when.append(re.sub(r"\D", "", value))

    def _box(self, number: str, name: str, when: str | None, text: str) -> LineEvent:
        num, reason = number_field(number)
        nam, name_reason = name_field(name)
        if num is None and reason is None and nam is None and name_reason is None:
            return Unparsed(self.line, raw=text.encode("utf-8"), why="record with no number")
        return CallerId(
            self.line,
            number=num,
            name=nam,
            reason=reason,
            name_reason=name_reason,
            when=when,
            standard=Standard.FIRMWARE,
            raw=(text,),
        )

    def _end_hex(self) -> list[LineEvent]:
        """A hex message cut short by a non-hex line is refused, raw kept."""
        if not self._hex_part:
            return []
        part, self._hex_part = self._hex_part, ""
        return [Unparsed(self.line, raw=part.encode(), why="hex message cut short")]

    def _hex(self, s: str) -> list[LineEvent]:
        text = self._hex_part + s
        self._hex_part = ""
        try:
            standard, fields = decode_hex_message(text)
        except ImplausibleFieldError:
            error = CallerId(self.line, reason=Reason.ERROR, standard=_kind(text), raw=(text,))
            return [*self._emit_cid(), error]
        except ValueError as exc:
            data = bytes.fromhex(text)
            short = len(data) >= 2 and data[0] in (0x04, 0x80) and len(data) < 2 + data[1]
            if short and len(text) < 2 * _MAX_LINE:
                self._hex_part = text  # the message goes on on the next line
                return []
            return [Unparsed(self.line, raw=text.encode(), why=str(exc))]
        got = {code: val.decode("utf-8", "replace") for code, val in fields}
        number, reason = number_field(got.get(0x02, "") or got.get(0x04, ""))
        name, name_reason = name_field(got.get(0x07, "") or got.get(0x08, ""))
        return [
            *self._emit_cid(),
            CallerId(
                self.line,
                number=number,
                name=name,
                reason=reason,
                name_reason=name_reason,
                when=got.get(0x01),
                standard=standard,
                raw=(text,),
                fields=tuple(fields),
            ),
        ]
