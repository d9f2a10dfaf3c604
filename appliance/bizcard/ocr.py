"""Tesseract over a prepared card: words grouped into lines with their size and confidence."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

import pytesseract
from PIL import Image

# one thread per Tesseract: OpenMP spinning on a shared 2-core box costs more than it gains
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

HORIZONTAL_LANGS = "jpn+eng"
VERTICAL_LANGS = "jpn_vert+jpn"


class OcrUnavailableError(RuntimeError):
    """Tesseract or one of its language packs is not installed."""


@dataclass(frozen=True)
class Line:
    """One printed line: its text, the height of its letters, Tesseract's confidence, position."""

    text: str
    size: int
    conf: float
    top: int
    left: int
    right: int = 0
    bottom: int = 0


def is_wide(ch: str) -> bool:
    """True for kanji, kana and full-width forms (no space belongs between two of them)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _join(words: list[tuple[str, int, int, int]], size: int) -> str:
    """Words (text, start, end, size) of one line into text: CJK runs closed up unless far apart."""
    out = ""
    prev_end = None
    for text, start, end, _ in words:
        if out:
            gap = start - (prev_end or start)
            wide = is_wide(out[-1]) or is_wide(text[0])
            if not wide or gap > 0.6 * size:
                out += " "
        out += text
        prev_end = end
    return out


def read_lines(
    image: Image.Image, *, vertical: bool, lang: str | None = None, psm: int | None = None
) -> list[Line]:
    """The card's lines in reading order (Tesseract's own layout analysis)."""
    lang = lang or (VERTICAL_LANGS if vertical else HORIZONTAL_LANGS)
    config = f"--psm {psm or (5 if vertical else 3)}"
    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as exc:
        raise OcrUnavailableError(str(exc).strip() or "tesseract failed") from exc
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if str(text).strip() and float(data["conf"][i]) >= 0:
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            groups.setdefault(key, []).append(i)
    lines = []
    for idx in groups.values():
        if vertical:
            words = [
                (
                    str(data["text"][i]),
                    int(data["top"][i]),
                    int(data["top"][i]) + int(data["height"][i]),
                    int(data["width"][i]),
                )
                for i in idx
            ]
        else:
            words = [
                (
                    str(data["text"][i]),
                    int(data["left"][i]),
                    int(data["left"][i]) + int(data["width"][i]),
                    int(data["height"][i]),
                )
                for i in idx
            ]
        sizes = sorted(w[3] for w in words)
        size = sizes[len(sizes) // 2]
        confs = [float(data["conf"][i]) for i in idx]
        lines.append(
            Line(
                text=_join(words, size),
                size=size,
                conf=sum(confs) / len(confs) / 100.0,
                top=min(int(data["top"][i]) for i in idx),
                left=min(int(data["left"][i]) for i in idx),
                right=max(int(data["left"][i]) + int(data["width"][i]) for i in idx),
                bottom=max(int(data["top"][i]) + int(data["height"][i]) for i in idx),
            )
        )
    return lines
