"""Read one business-card image: prepare it, run Tesseract, parse the fields."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from appliance.bizcard.fields import ScanResult
from appliance.bizcard.ocr import Line, is_wide, read_lines
from appliance.bizcard.parse import parse
from appliance.bizcard.preprocess import otsu, prepare

GOOD_READ = 0.72  # below this mean confidence the card is read again the other way
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is refused rather than swapping the box


class NotAnImageError(ValueError):
    """The bytes are not an image Pillow can read."""


def open_image(data: bytes) -> Image.Image:
    """Decode image bytes (JPEG, PNG, WebP, TIFF...) or raise NotAnImageError."""
    try:
        img = Image.open(io.BytesIO(data))
        if img.width * img.height > MAX_PIXELS:
            raise NotAnImageError(f"image too large ({img.width}x{img.height})")
        img.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise NotAnImageError("not an image this box can read (JPEG, PNG, WebP, TIFF)") from exc
    return img


def scan_image(img: Image.Image) -> ScanResult:
    """Fields of the card in img; Tesseract's layout decides nothing the preprocessing knows."""
    prepared = prepare(img)
    vertical = prepared.vertical
    lines = read_lines(prepared.image, vertical=vertical)
    if quality(lines) < GOOD_READ:
        other = read_lines(prepared.image, vertical=not vertical)
        if quality(other) > quality(lines):
            lines, vertical = other, not vertical
    if japanese(lines):
        lines = reread_name(prepared.image, lines, vertical=vertical)
        if vertical:
            lines = sideways_latin(prepared.image) + lines
    fields, confidence = parse(lines)
    text = "\n".join(line.text for line in lines)
    return ScanResult(fields, confidence, text, vertical=vertical)


def japanese(lines: list[Line]) -> bool:
    """A Japanese card: a handful of kanji or kana among what was read."""
    return sum(is_wide(c) for x in lines for c in x.text) >= 5


def _same_row(a: Line, b: Line, *, vertical: bool) -> bool:
    if vertical:
        return min(a.right, b.right) - max(a.left, b.left) > 0.5 * min(
            a.right - a.left, b.right - b.left
        )
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5 * min(
        a.bottom - a.top, b.bottom - b.top
    )


def bands(crop: Image.Image, *, vertical: bool) -> list[tuple[Image.Image, int]]:
    """The runs of inked rows (columns when vertical) of a crop, each with a margin, tallest
    first, with their heights: Tesseract often boxes the name with the small lines around it."""
    arr = np.asarray(crop.convert("L"), dtype=np.uint8)
    ink = arr < min(otsu(arr), 160)
    profile = ink.sum(axis=0 if vertical else 1) > max(2, ink.shape[0 if vertical else 1] // 200)
    runs: list[tuple[int, int]] = []
    start = None
    for i, on in enumerate([*profile.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i))
            start = None
    found = []
    for a, b in sorted(runs, key=lambda r: r[0] - r[1]):
        m = max(4, (b - a) // 5)
        box = (
            (max(0, a - m), 0, b + m, crop.height)
            if vertical
            else (0, max(0, a - m), crop.width, b + m)
        )
        found.append((crop.crop(box), b - a))
    return found or [(crop, max(crop.size))]


def reread_name(image: Image.Image, lines: list[Line], *, vertical: bool) -> list[Line]:
    """Read the largest line again alone with the Japanese model: big kanji fool jpn+eng, and a
    wide gap between family and given name splits it in two."""
    if not lines:
        return lines
    big = max(lines, key=lambda x: x.size)
    parts = [x for x in lines if x.size >= 0.6 * big.size and _same_row(x, big, vertical=vertical)]
    parts.sort(key=lambda x: x.top if vertical else x.left)
    pad = big.size // 6
    box = (
        max(0, min(x.left for x in parts) - pad),
        max(0, min(x.top for x in parts) - pad),
        max(x.right for x in parts) + pad,
        max(x.bottom for x in parts) + pad,
    )
    found = bands(image.crop(box), vertical=vertical)
    crop, size = found[0]
    scale = 40 / max(size, 1)  # Tesseract reads best at a few dozen pixels a character
    if scale < 1:
        crop = crop.resize(
            (max(1, int(crop.width * scale)), max(1, int(crop.height * scale))),
            Image.Resampling.LANCZOS,
        )
    lang, psm = ("jpn_vert", 5) if vertical else ("jpn", 7)
    again = read_lines(crop, vertical=vertical, lang=lang, psm=psm)
    merged = " ".join(x.text for x in parts)
    conf = min(x.conf for x in parts)
    if len(again) == 1 and again[0].conf >= conf - 0.05:
        merged, conf = again[0].text, max(conf, again[0].conf)
    name = replace(
        big, text=merged, conf=conf, left=box[0], top=box[1], right=box[2], bottom=box[3]
    )
    lines = [name if x is big else x for x in lines if x is big or x not in parts]
    for small, height in found[1:]:
        if height >= 12 and len(parts) == 1:  # a title or reading Tesseract put in the name's box
            lines.extend(
                replace(x, size=height)
                for x in read_lines(small, vertical=vertical, psm=5 if vertical else 7)
            )
    return lines


def sideways_latin(image: Image.Image) -> list[Line]:
    """E-mail and web address of a 縦書き card, printed on their side, read turned upright."""
    upright = image.rotate(90, expand=True)
    found = read_lines(upright, vertical=False, lang="eng", psm=11)
    return [x for x in found if "@" in x.text or "www" in x.text or "http" in x.text]


def quality(lines: list[Line]) -> float:
    """Tesseract's confidence over the characters it read: low when read the wrong way round."""
    chars = sum(len(x.text) for x in lines)
    return sum(x.conf * len(x.text) for x in lines) / chars if chars else 0.0


def scan_bytes(data: bytes) -> ScanResult:
    """Fields of the card in an image file's bytes."""
    return scan_image(open_image(data))


def scan_file(path: Path) -> ScanResult:
    """Fields of the card in an image file."""
    return scan_bytes(path.read_bytes())
