"""The card generator behind the tests and `bench cards`: truth, drawing and camera in one step."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image

from appliance.bizcard.camera import photo, scan
from appliance.bizcard.render import Design, horizontal, vertical
from appliance.bizcard.truth import CardTruth, en_card, ja_card

STYLES = ("clean", "scan", "photo")


@dataclass(frozen=True)
class GeneratedCard:
    """A card image and what is printed on it."""

    truth: CardTruth
    image: Image.Image
    design: Design
    style: str


def make_card(
    seed: int, *, lang: str | None = None, vert: bool | None = None, style: str | None = None
) -> GeneratedCard:
    """One card from a seed; each choice left open is drawn from the seed."""
    rng = random.Random(seed)
    lang = lang or rng.choice(("ja", "ja", "en"))
    truth = ja_card(rng) if lang == "ja" else en_card(rng)
    if vert is None:
        vert = lang == "ja" and rng.random() < 0.3
    card, design = vertical(truth, rng) if vert else horizontal(truth, rng)
    style = style or rng.choice(("scan", "photo"))
    if style == "scan":
        image = scan(card, rng)
    elif style == "photo":
        image = photo(card, rng)
    else:
        image = card.convert("RGB")
    return GeneratedCard(truth, image, design, style)


def card_set(count: int, seed: int = 2024) -> Iterator[GeneratedCard]:
    """A reproducible mixed set: Japanese and English, horizontal and vertical, scans and photos."""
    for i in range(count):
        yield make_card(seed * 100_003 + i)
