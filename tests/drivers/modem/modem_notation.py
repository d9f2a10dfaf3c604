"""The transcript notation of transcripts.txt: <CR>, <DLE>, [audio N bytes], DTE>/DCE< steps."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
_TOKENS = {
    "CR": b"\r",
    "LF": b"\n",
    "DLE": b"\x10",
    "ETX": b"\x03",
    "CAN": b"\x18",
    "SUB": b"\x1a",
    "STX": b"\x02",
    "ACK": b"\x06",
    "NAK": b"\x15",
}


def notation(text: str, seed: int = 0) -> bytes:
    """Bytes for the transcript notation: <CR>, <DLE>..., [audio N bytes] (0x10 doubled)."""
    import random
    import re

    rng = random.Random(seed)
    out = bytearray()
    for part in re.split(r"(<[A-Z]{2,3}>|\[audio[^\]]*\]|\{[^}]*\})", text):
        if part.startswith("<") and part[1:-1] in _TOKENS:
            out += _TOKENS[part[1:-1]]
        elif part.startswith("[audio"):
            m = re.search(r"(\d+) bytes", part)
            audio = bytes(rng.randrange(256) for _ in range(int(m.group(1)) if m else 400))
            out += audio.replace(b"\x10", b"\x10\x10")
        elif not part.startswith("{"):
            out += part.encode("utf-8")
    return bytes(out)


def parse_transcripts(text: str) -> dict[str, list[tuple[str, str]]]:
    """Transcript id ("T1", "T3b", ...) -> steps ("DTE"|"DCE", notation text), in order."""
    import re

    out: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    more = False  # the next indented line continues the last DCE< entry

    def physical(text: str) -> str:
        text = text.strip()
        if text.startswith("..."):
            text = text[3:].strip()
        if text.startswith("{"):
            return ""  # a wall-clock pause, not bytes
        bare = "<CR>" not in text and "<LF>" not in text
        if bare and not text.startswith(("[audio", "<DLE>", "<STX>")):
            text += "<CR><LF>"  # shown one line per modem line, terminators not written
        return text

    for raw in text.splitlines():
        head = re.match(r"^(T\d+[a-z]?)\s", raw)
        if head:
            current = out.setdefault(head.group(1), [])
            continue
        line, hash_, _ = raw.partition("#")
        line = line.rstrip()
        if current is None or not line.strip():
            more = False
            continue
        if line.startswith("DCE< "):
            current.append(("DCE", physical(line[5:])))
            more = not hash_
        elif line.startswith("DTE> "):
            more = False
            for chunk in line[5:].split(";  DTE>"):
                parts = chunk.split("->")
                current.append(("DTE", parts[0].strip()))
                for part in parts[1:]:
                    result, _, again = part.partition("...")
                    current.append(("DCE", f"<CR><LF>{result.strip()}<CR><LF>"))
                    if again.strip():
                        current.append(("DTE", again.strip()))
        elif more and raw.startswith("     ") and line.strip().startswith("..."):
            more = line.strip().endswith("...")  # "... (stored profiles) ..." elides bytes
        elif more and raw.startswith("     ") and not line.strip().startswith("("):
            current[-1] = ("DCE", current[-1][1] + physical(line))
            more = not hash_
        else:
            more = False
    return out
