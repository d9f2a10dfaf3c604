"""Draw a card from its truth: several fonts and layouts, horizontal and vertical (縦書き)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from appliance.bizcard.truth import CardTruth

PX_PER_MM = 12  # about 300 dpi: a 91 x 55 mm card is 1092 x 660 pixels
CJK_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0),
    ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf", 0),
)
LATIN_FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 0),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
)
TEL: dict[str, tuple[str, ...]] = {
    "ja": ("TEL", "TEL:", "電話", "T."),
    "en": ("Tel", "Phone", "T", "Office"),
}
FAX: dict[str, tuple[str, ...]] = {"ja": ("FAX", "FAX:", "F."), "en": ("Fax", "F")}
MOBILE: dict[str, tuple[str, ...]] = {
    "ja": ("携帯", "Mobile", "携帯電話", "M."),
    "en": ("Mobile", "Cell", "M"),
}
MAIL: dict[str, tuple[str, ...]] = {"ja": ("E-mail", "Mail:", ""), "en": ("Email", "E-mail:", "")}
Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class Design:
    """How one card is drawn: its font, layout and orientation."""

    font: str
    layout: str
    vertical: bool


def available(fonts: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    """The fonts of a list that this machine has."""
    return [f for f in fonts if Path(f[0]).exists()]


def _font(spec: tuple[str, int], size: int) -> Font:
    return ImageFont.truetype(spec[0], size, index=spec[1])


def contact_lines(t: CardTruth, rng: random.Random, *, combine: bool = True) -> list[str]:
    """The contact block as printed: labelled phones, e-mail and web address."""
    lines = []
    for p in t.phones:
        kinds: dict[str, dict[str, tuple[str, ...]]] = {"tel": TEL, "fax": FAX, "mobile": MOBILE}
        labels = kinds[p.kind][t.lang]
        lines.append(f"{rng.choice(labels)} {p.number}")
    if combine and rng.random() < 0.3 and len(lines) >= 2 and all(len(x) < 20 for x in lines[:2]):
        lines[:2] = [f"{lines[0]}   {lines[1]}"]
    lines.append(f"{rng.choice(MAIL[t.lang])} {t.email}".strip())
    lines.append(t.url)
    return lines


def address_lines(t: CardTruth, rng: random.Random) -> list[str]:
    """Postal code and address: 〒 then the address on one or two lines."""
    if t.lang == "en":
        street, _, rest = t.address.partition(", ")
        return [street, rest]
    mark = rng.choice(("〒", "〒 ", "〒"))
    if rng.random() < 0.5:
        return [f"{mark}{t.postal_code} {t.address}"]
    return [f"{mark}{t.postal_code}", t.address]


def horizontal(t: CardTruth, rng: random.Random) -> tuple[Image.Image, Design]:
    """A landscape card in one of four layouts."""
    w, h = 91 * PX_PER_MM, 55 * PX_PER_MM
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    spec = rng.choice(available(CJK_FONTS if t.lang == "ja" else LATIN_FONTS + CJK_FONTS))
    layout = rng.choice(("classic", "left", "split", "right"))
    small, mid, big = rng.randint(23, 28), rng.randint(28, 36), rng.randint(54, 72)
    f_small, f_mid, f_big = _font(spec, small), _font(spec, mid), _font(spec, big)
    margin = rng.randint(50, 70)
    role = [x for x in (t.department, t.title) if x]
    role_line = "  ".join(role) if t.lang == "ja" and rng.random() < 0.6 else t.title
    block = address_lines(t, rng) + contact_lines(t, rng)
    while block and _width(d, max(block, key=len), f_small) > w - 2 * margin:
        f_small = _font(spec, int(f_small.size) - 2)
    name = t.name.replace(" ", rng.choice(("  ", "　", " "))) if t.lang == "ja" else t.name
    top = rng.randint(40, 60)
    d.text((margin, top), t.company, font=f_mid, fill=0)
    if t.lang == "en" or role_line == t.title:
        d.text((margin, top + f_mid.size + 12), t.department, font=f_small, fill=0)
    line_h = int(f_small.size) + 6
    foot_top = h - margin + 20 - line_h * len(block)
    name_y = top + f_mid.size + (foot_top - top - f_mid.size - big) // 2 + 10
    if layout in ("classic", "split"):
        x_name = (w - _width(d, name, f_big)) // 2 if layout == "classic" else margin + 20
    else:
        x_name = margin if layout == "left" else w - margin - _width(d, name, f_big)
    d.text((x_name, name_y), name, font=f_big, fill=0)
    name_box = d.textbbox((x_name, name_y), name, font=f_big)
    role_box = d.textbbox((0, 0), role_line, font=f_small)
    d.text((x_name, name_box[1] - 16 - role_box[3]), role_line, font=f_small, fill=0)
    if t.reading and rng.random() < 0.8:
        f_read = _font(spec, small - 4)
        read_top = d.textbbox((0, 0), t.reading, font=f_read)[1]
        d.text((x_name, name_box[3] + 10 - read_top), t.reading, font=f_read, fill=0)
    x_block = margin
    y = foot_top
    for line in block:
        bx = x_block if layout != "split" else w - margin - _width(d, line, f_small)
        d.text((max(margin // 2, bx), y), line, font=f_small, fill=0)
        y += line_h
    return img, Design(Path(spec[0]).stem, layout, vertical=False)


def vertical(t: CardTruth, rng: random.Random) -> tuple[Image.Image, Design]:
    """A portrait 縦書き card: columns read right to left; Latin runs lie on their side."""
    w, h = 55 * PX_PER_MM, 91 * PX_PER_MM
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    spec = rng.choice(available(CJK_FONTS))
    small, mid, big = rng.randint(24, 28), rng.randint(30, 34), rng.randint(60, 72)
    f_small, f_mid, f_big = _font(spec, small), _font(spec, mid), _font(spec, big)
    top = rng.randint(50, 70)
    while f_small.size * (len(t.address) + 2) > h - top - 60:
        f_small = _font(spec, int(f_small.size) - 2)
    small = int(f_small.size)
    x = w - rng.randint(50, 70)
    x -= mid
    d.text((x, top), t.company, font=f_mid, fill=0, direction="ttb", features=["vert"])
    x -= small + 30
    d.text((x, top + 30), f"{t.department}　{t.title}", font=f_small, fill=0, direction="ttb")
    x -= big + 40
    name = t.name.replace(" ", "　")
    d.text((x, top + 120), name, font=f_big, fill=0, direction="ttb", features=["vert"])
    if rng.random() < 0.7:
        d.text((x + big + 4, top + 120), t.reading, font=_font(spec, 18), fill=0, direction="ttb")
    x = max(x - 80, 8 + 8 * (small + 14))
    for line in [f"〒{t.postal_code}", t.address, *contact_lines(t, rng, combine=False)]:
        x -= small + 14
        _sideways_or_ttb(img, d, (x, top + 40), line, f_small)
    return img, Design(Path(spec[0]).stem, "tategaki", vertical=True)


def _sideways_or_ttb(
    img: Image.Image, d: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, f: Font
) -> None:
    if text.isascii():
        tile = Image.new("L", (_width(d, text, f) + 4, int(f.size) + 10), 255)
        ImageDraw.Draw(tile).text((2, 2), text, font=f, fill=0)
        img.paste(tile.rotate(-90, expand=True), xy)
    else:
        d.text(xy, text, font=f, fill=0, direction="ttb", features=["vert"])


def _width(d: ImageDraw.ImageDraw, text: str, f: Font) -> int:
    box = d.textbbox((0, 0), text, font=f)
    return int(box[2] - box[0])
