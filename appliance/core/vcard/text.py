"""vCard content lines (RFC 2426 for 3.0, RFC 6350 for 4.0): unfolding and folding at 75
octets, parameters, and the backslash escapes of text values; pure text in, text out."""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

FOLD_OCTETS = 75  # a line longer than this is folded (the CRLF not counted)
_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass
class ContentLine:
    """One property: group, upper-case name, parameters (upper-case names, values as given)
    and the raw value (still escaped); line is where it started in the file."""

    name: str
    value: str
    group: str = ""
    params: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0

    def types(self) -> set[str]:
        """The TYPE parameter's values, lower-case (TYPE=home,cell and TYPE=home;TYPE=cell)."""
        out: set[str] = set()
        for value in self.params.get("TYPE", []):
            out.update(v.strip().lower() for v in value.split(",") if v.strip())
        return out


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on: a line that starts
    with a space or a tab continues the one before (that one character removed); a
    quoted-printable value (vCard 2.1) also continues after a line ending in '='."""
    out: list[tuple[int, str]] = []
    soft = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if out and (raw[:1] in (" ", "\t")):
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        elif out and soft:
            out[-1] = (out[-1][0], out[-1][1][:-1] + raw)
        elif raw.strip():
            out.append((number, raw))
        else:
            continue
        last = out[-1][1]
        soft = last.endswith("=") and "QUOTED-PRINTABLE" in last.split(":", 1)[0].upper()
    return out


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parse_line(number: int, text: str) -> ContentLine | None:
    """A logical line as a ContentLine; None when it is not one (no colon, bad name)."""
    head, colon, value = _colon_split(text)
    if not colon:
        return None
    name, *raw_params = _split_unquoted(head, ";")
    group, _, name = name.rpartition(".")
    if not _NAME.fullmatch(name):
        return None
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, eq, val = raw.partition("=")
        if not eq:  # vCard 2.1: a bare type (TEL;CELL;HOME)
            key, val = "TYPE", key
        params.setdefault(key.strip().upper(), []).append(_param_value(val))
    line = ContentLine(name.upper(), value, group, params, number)
    return _decoded(line)


def _colon_split(text: str) -> tuple[str, str, str]:
    """Split at the first colon outside a quoted parameter value."""
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return text[:i], ":", text[i + 1 :]
    return text, "", ""


def _param_value(raw: str) -> str:
    """A parameter value without its quotes, RFC 6868 ^n ^^ ^' decoded."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return re.sub(r"\^([n^'])", lambda m: {"n": "\n", "^": "^", "'": '"'}[m.group(1)], value)


def _decoded(line: ContentLine) -> ContentLine:
    """A quoted-printable value (vCard 2.1) as text in its CHARSET (UTF-8 by default)."""
    encoding = [e.upper() for e in line.params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding:
        charset = (line.params.get("CHARSET") or ["UTF-8"])[0]
        data = quopri.decodestring(line.value.encode("ascii", "replace"))
        try:
            line.value = data.decode(charset, errors="replace")
        except LookupError:
            line.value = data.decode("utf-8", errors="replace")
    return line


def unescape(value: str) -> str:
    """A text value without its backslash escapes (\\n or \\N is a line break)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_value(value: str, sep: str) -> list[str]:
    """A structured (;) or list (,) value split at the unescaped separators, each unescaped."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == sep:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(ch)
    parts.append(unescape("".join(current)))
    return parts


def escape(value: str) -> str:
    """A text value escaped: backslash, comma, semicolon and line breaks."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def param(value: str) -> str:
    """A parameter value, quoted when it holds , ; or : (RFC 6868 for line breaks and ")."""
    text = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{text}"' if any(c in text for c in ",;:") else text


def fold(line: str) -> str:
    """A content line folded to lines of at most 75 octets (never inside a UTF-8 character),
    each ending in CRLF."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > FOLD_OCTETS:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"
