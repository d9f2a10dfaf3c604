"""Make a photo or scan readable: find the card, flatten its perspective, deskew, even the light."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps
from scipy import ndimage

from appliance.bizcard.geometry import perspective_coeffs

WORK_LONG_SIDE = 1400  # pixels on the card's long side handed to Tesseract
FIND_SIDE = 400  # the card is looked for on a copy this wide


@dataclass
class Prepared:
    """The flattened, upright, evenly lit card and what was done to get it."""

    image: Image.Image
    vertical: bool
    cropped: bool
    skew_deg: float


def otsu(values: np.ndarray) -> float:
    """Otsu's threshold of 8-bit values."""
    hist = np.bincount(values.ravel().astype(np.uint8), minlength=256).astype(np.float64)
    total = hist.sum()
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    w0 = cum / total
    w1 = 1.0 - w0
    mu0 = cum_mean / np.maximum(cum, 1)
    mu1 = (cum_mean[-1] - cum_mean) / np.maximum(total - cum, 1)
    between = w0 * w1 * (mu0 - mu1) ** 2
    return float(np.argmax(between))


def find_card(gray: Image.Image) -> Image.Image | None:
    """The card cut out of a photo and flattened, or None when the card fills the frame."""
    scale = FIND_SIDE / max(gray.size)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    arr = np.asarray(small.filter(ImageFilter.GaussianBlur(2)), dtype=np.uint8)
    mask = arr > otsu(arr)
    mask = ndimage.binary_fill_holes(ndimage.binary_opening(mask, iterations=2))
    labels, count = ndimage.label(mask)
    if count == 0:
        return None
    sizes = np.bincount(labels.ravel())[1:]
    biggest = int(np.argmax(sizes)) + 1
    share = sizes[biggest - 1] / mask.size
    if not 0.1 < share < 0.9:
        return None
    ys, xs = np.nonzero(labels == biggest)
    s, d = xs + ys, xs - ys
    corners = [(xs[i], ys[i]) for i in (np.argmin(s), np.argmax(d), np.argmax(s), np.argmin(d))]
    quad = tuple((float(x) / scale, float(y) / scale) for x, y in corners)
    width = (_dist(quad[0], quad[1]) + _dist(quad[3], quad[2])) / 2
    height = (_dist(quad[0], quad[3]) + _dist(quad[1], quad[2])) / 2
    if min(width, height) < 50:
        return None
    k = WORK_LONG_SIDE / max(width, height)
    w, h = int(width * k), int(height * k)
    coeffs = perspective_coeffs(((0, 0), (w, 0), (w, h), (0, h)), quad)
    return gray.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def even_light(gray: Image.Image) -> Image.Image:
    """Divide out the background (uneven light, tinted paper) and stretch the contrast."""
    arr = np.asarray(gray, dtype=np.float32)
    background = ndimage.grey_closing(arr[::4, ::4], size=(9, 9))
    background = ndimage.zoom(
        background,
        (arr.shape[0] / background.shape[0], arr.shape[1] / background.shape[1]),
        order=1,
    )
    flat = np.clip(
        arr / np.maximum(background[: arr.shape[0], : arr.shape[1]], 1.0) * 255.0, 0, 255
    )
    return ImageOps.autocontrast(Image.fromarray(flat.astype(np.uint8)), cutoff=1)


def _profile_score(ink: np.ndarray, axis: int) -> float:
    profile = ink.sum(axis=axis).astype(np.float64)
    return float(np.var(np.diff(profile))) / max(float(profile.mean()) ** 2, 1.0)


def deskew(gray: Image.Image) -> tuple[Image.Image, float]:
    """Rotate the card so its lines (or 縦書き columns) run straight."""
    small = gray.resize((gray.width // 3, gray.height // 3))
    arr = np.asarray(small, dtype=np.uint8)
    ink = (arr < min(otsu(arr), 160)).astype(np.uint8)
    best = (-1.0, 0.0)
    for angle in np.arange(-6.0, 6.01, 0.5):
        turned = ndimage.rotate(ink, angle, reshape=False, order=0)
        score = max(_profile_score(turned, 0), _profile_score(turned, 1))
        if score > best[0]:
            best = (score, float(angle))
    angle = best[1]
    if abs(angle) > 0.1:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return gray, angle


def prepare(img: Image.Image) -> Prepared:
    """Upright, flat, evenly lit, Tesseract-sized grey card."""
    gray = ImageOps.exif_transpose(img).convert("L")
    card = find_card(gray)
    cropped = card is not None
    gray = card if card is not None else gray
    k = WORK_LONG_SIDE / max(gray.size)
    if abs(k - 1.0) > 0.1:
        gray = gray.resize((int(gray.width * k), int(gray.height * k)), Image.Resampling.LANCZOS)
    gray = even_light(gray)
    gray, angle = deskew(gray)
    # a portrait card is most often 縦書き; the reader tries the other way when this reads badly
    return Prepared(gray, gray.height > gray.width, cropped, angle)
