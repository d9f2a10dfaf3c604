"""Read a .vcf file (vCard 3.0 or 4.0; 2.1's quoted-printable too) as a sheet in the columns
our export writes, so a card is checked, matched and imported as a spreadsheet row is (its
row number is the line its BEGIN:VCARD is on)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from appliance.core.errors import InvalidInput
from appliance.core.importing.columns import (
    ADDRESS_HEADERS,
    EMAIL_HEADERS,
    PHONE_HEADERS,
    SINGLE_HEADERS,
    custom_header,
    numbered,
)
from appliance.core.importing.sheet import Sheet, decode_csv_bytes
from appliance.core.vcard import properties as p
from appliance.core.vcard.text import ContentLine, parse_line, split_value, unescape, unfold

_SINGLE = dict(SINGLE_HEADERS)
_GROUPS = dict((*PHONE_HEADERS, *EMAIL_HEADERS, *ADDRESS_HEADERS))
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_NOTE = "メモ# Note #"
Card = dict[str, str]  # header -> cell


def _cards(text: str) -> Iterator[tuple[int, list[ContentLine]]]:
    """(line of BEGIN:VCARD, the card's properties) for each card in the text."""
    start, lines, depth = 0, list[ContentLine](), 0
    for number, raw in unfold(text):
        line = parse_line(number, raw)
        if line is None:
            continue
        if line.name == "BEGIN" and line.value.strip().upper() == "VCARD":
            depth += 1
            if depth == 1:
                start, lines = number, []
            continue
        if line.name == "END" and line.value.strip().upper() == "VCARD":
            depth -= 1
            if depth == 0:
                yield start, lines
            continue
        if depth == 1:
            lines.append(line)
    if depth > 0:
        yield start, lines


def _labels(lines: list[ContentLine]) -> dict[str, str]:
    """Group -> its X-ABLABEL (Apple's _$!<Mobile>!$_ written as Mobile)."""
    out = {}
    for line in lines:
        if line.name == p.LABEL and line.group:
            text = unescape(line.value)
            found = _APPLE_LABEL.fullmatch(text)
            out[line.group] = found.group(1) if found else text
    return out


def _date(value: str) -> str:
    text = value.strip().split("T")[0]
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""


def _phone(line: ContentLine) -> str:
    value = unescape(line.value).strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
    number, _, rest = value.partition(";")
    found = re.search(r"ext=([0-9]+)", rest)
    return f"{number} ext. {found.group(1)}" if found else number


class _Builder:
    """One card's cells, slot numbers given in the order the card lists its contacts."""

    def __init__(self, lines: list[ContentLine]) -> None:
        self.cells: Card = {}
        self.slots = {"phone": 0, "email": 0, "address": 0, "note": 0}
        self.labels = _labels(lines)
        self.extras = {(line.group, line.name): line for line in lines if line.group}
        reading = [""]
        for line in lines:
            self._take(line, reading)
        if _SINGLE["reading"] not in self.cells and reading[0]:
            self.cells[_SINGLE["reading"]] = reading[0]

    def single(self, field: str, value: str) -> None:
        if value and _SINGLE[field] not in self.cells:
            self.cells[_SINGLE[field]] = value

    def group(self, kind: str, parts: dict[str, str]) -> None:
        self.slots[kind] += 1
        for field, value in parts.items():
            if value:
                self.cells[numbered(_GROUPS[field], self.slots[kind])] = value

    def _label(self, line: ContentLine) -> str:
        return self.labels.get(line.group) or p.label_of(line.types())

    def _take(self, line: ContentLine, reading: list[str]) -> None:
        name, text = line.name, unescape(line.value).strip()
        if name == "FN":
            self.single("name", text)
        elif name == "N":
            self._n(line, reading)
        elif name in (p.PHONETIC_LAST, p.PHONETIC_FIRST):
            self._phonetic(name, text)
        elif name == "SORT-STRING" and not reading[0]:
            reading[0] = text
        elif name == "ORG":
            parts = [*split_value(line.value, ";"), ""]
            self.single("company", parts[0].strip())
            self.single("department", parts[1].strip())
        elif name == "TITLE":
            self.single("title", text)
        elif name in ("KIND", "X-RINGDESK-KIND", "X-ABSHOWAS"):
            kind = {"org": "company", "company": "company", "individual": "person"}
            self.single("kind", kind.get(text.lower(), text.lower() if text else ""))
        elif name in ("GENDER", "X-GENDER"):
            code = text.split(";")[0].strip()[:1].upper()
            self.single("gender", p.GENDER_OF.get(code, "unknown" if code == "N" else ""))
        elif name == "BDAY":
            self.single("birth_date", _date(text))
        elif name == "CATEGORIES":
            tags = [t.strip() for t in split_value(line.value, ",") if t.strip()]
            old = self.cells.get(_SINGLE["tag_lines"], "")
            self.cells[_SINGLE["tag_lines"]] = "\n".join([*([old] if old else []), *tags])
        elif name in p.X_NAMES:
            self.single(p.X_NAMES[name], unescape(line.value))
        elif name == "TEL":
            self.group("phone", {"phone": _phone(line), "phone_label": self._label(line)})
        elif name == "EMAIL":
            self.group("email", {"email": text, "email_label": self._label(line)})
        elif name == "ADR":
            self._adr(line)
        elif name == p.CUSTOM:
            key = (line.params.get("KEY") or [""])[0]
            label = (line.params.get("LABEL") or [key])[0]
            if key:
                self.cells[custom_header(key, label)] = unescape(line.value)
        elif name == "NOTE" and text:
            self.slots["note"] += 1
            self.cells[numbered(_NOTE, self.slots["note"])] = unescape(line.value)

    def _n(self, line: ContentLine, reading: list[str]) -> None:
        family, given, *_ = [*(s.strip() for s in split_value(line.value, ";")), ""]
        western = family.isascii() and given.isascii()
        name = " ".join(x for x in ((given, family) if western else (family, given)) if x)
        if name and _SINGLE["name"] not in self.cells:
            self.cells["__n__"] = name  # used when the card has no FN
        sort = (line.params.get("SORT-AS") or [""])[0]
        if sort and not reading[0]:
            reading[0] = " ".join(s.strip() for s in sort.split(",") if s.strip())

    def _phonetic(self, name: str, text: str) -> None:
        key = "__last__" if name == p.PHONETIC_LAST else "__first__"
        self.cells[key] = text
        joined = " ".join(
            x for x in (self.cells.get("__last__", ""), self.cells.get("__first__", "")) if x
        )
        self.cells[_SINGLE["reading"]] = joined

    def _adr(self, line: ContentLine) -> None:
        box, ext, street, city, region, code, country, *_ = [
            *(s.strip() for s in split_value(line.value, ";")),
            *[""] * 7,
        ]
        delivery = self.extras.get((line.group, p.DELIVERY))
        geo = self.extras.get((line.group, p.GEO))
        lat, _, lon = unescape(geo.value).partition(",") if geo and line.group else ("", "", "")
        parts = {
            "address": " ".join(x for x in (box, street) if x),
            "line2": ext,
            "city": city,
            "prefecture": region,
            "postal_code": code,
            "country": country,
            "address_label": self._label(line),
            "delivery_notes": unescape(delivery.value) if delivery and line.group else "",
            "lat": lat.strip(),
            "lon": lon.strip(),
        }
        self.group("address", parts)

    def finished(self) -> Card:
        """The card's cells (the name from N when it had no FN)."""
        name = self.cells.pop("__n__", "")
        self.cells.pop("__last__", None)
        self.cells.pop("__first__", None)
        if name and _SINGLE["name"] not in self.cells:
            self.cells[_SINGLE["name"]] = name
        return self.cells


def _headers(cards: list[Card]) -> list[str]:
    """Every header the cards use, in the export's order."""
    used = {h for card in cards for h in card}
    out = [h for _, h in SINGLE_HEADERS if h in used]
    for group in (PHONE_HEADERS, EMAIL_HEADERS, ADDRESS_HEADERS):
        slot = 1
        while any(numbered(t, slot) in used for _, t in group):
            out.extend(numbered(t, slot) for _, t in group)
            slot += 1
    customs = [h for h in dict.fromkeys(h for card in cards for h in card) if h[:3] == "項目:"]
    notes = max((sum(h.startswith("メモ") for h in card) for card in cards), default=0)
    return out + customs + [numbered(_NOTE, slot) for slot in range(1, notes + 1)]


def read_vcards(data: bytes) -> Sheet:
    """Every card of a .vcf file's bytes as a row; InvalidInput when it holds none."""
    text, encoding = decode_csv_bytes(data)
    cards = [(start, _Builder(lines).finished()) for start, lines in _cards(text)]
    if not cards:
        raise InvalidInput("vCard がありません / the file holds no vCard (BEGIN:VCARD)")
    headers = _headers([card for _, card in cards])
    rows = [(start, [card.get(h, "") for h in headers]) for start, card in cards]
    return Sheet(headers=headers, rows=rows, encoding=encoding)
