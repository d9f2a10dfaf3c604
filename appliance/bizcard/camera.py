"""Make a clean card look scanned or photographed: tilt, perspective, light, blur, noise, JPEG."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image, ImageFilter

from appliance.bizcard.geometry import perspective_coeffs


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def _noise(img: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    arr = np.asarray(img, dtype=np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    arr = arr + gen.normal(0.0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _paper(card: Image.Image, rng: random.Random) -> Image.Image:
    tint = (rng.randint(235, 255), rng.randint(235, 255), rng.randint(228, 250))
    ink = (rng.randint(0, 40), rng.randint(0, 40), rng.randint(0, 60))
    return Image.merge(
        "RGB",
        [
            card.point(lambda v, p=p, i=i: i + (p - i) * v // 255)
            for p, i in zip(tint, ink, strict=True)
        ],
    )


def scan(card: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan: slight tilt on the scanner's white, soft focus, noise, JPEG."""
    img = _paper(card, rng)
    bed = (rng.randint(225, 250),) * 3
    img = img.rotate(
        rng.uniform(-4.0, 4.0), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=bed
    )
    if rng.random() < 0.5:
        img = img.resize((img.width * 2 // 3, img.height * 2 // 3), Image.Resampling.LANCZOS)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    img = _noise(img, rng, rng.uniform(2.0, 6.0))
    return _jpeg(img, rng.randint(60, 90))


def photo(card: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo: the card lies on a desk, seen at an angle, under uneven light."""
    img = _paper(card, rng)
    cw, ch = img.size
    out_w, out_h = (1600, 1200) if cw > ch else (1200, 1600)
    scale = rng.uniform(0.7, 0.85) * min(out_w / cw, out_h / ch)
    w, h = cw * scale, ch * scale
    cx, cy = out_w / 2 + rng.uniform(-60, 60), out_h / 2 + rng.uniform(-60, 60)
    angle = np.deg2rad(rng.uniform(-12.0, 12.0))
    ca, sa = np.cos(angle), np.sin(angle)
    quad = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        jx, jy = rng.uniform(-0.06, 0.06) * w, rng.uniform(-0.06, 0.06) * h
        quad.append((cx + (dx + jx) * ca - (dy + jy) * sa, cy + (dx + jx) * sa + (dy + jy) * ca))
    coeffs = perspective_coeffs(tuple(quad), ((0, 0), (cw, 0), (cw, ch), (0, ch)))
    desk = tuple(rng.randint(40, 150) for _ in range(3))
    warped = img.transform(
        (out_w, out_h),
        Image.Transform.PERSPECTIVE,
        coeffs,
        Image.Resampling.BICUBIC,
        fillcolor=(0, 0, 0),
    )
    mask = Image.new("L", img.size, 255).transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    scene = Image.new("RGB", (out_w, out_h), desk)
    scene.paste(warped, (0, 0), mask)
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    gx, gy = rng.uniform(-0.35, 0.35), rng.uniform(-0.35, 0.35)
    light = 1.0 + gx * (xx / out_w - 0.5) + gy * (yy / out_h - 0.5)
    arr = np.asarray(scene, dtype=np.float32) * light[..., None] * rng.uniform(0.8, 1.0)
    scene = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    scene = scene.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.6)))
    scene = _noise(scene, rng, rng.uniform(3.0, 9.0))
    return _jpeg(scene, rng.randint(50, 85))
