"""Real Tesseract over generated cards: a phone photo, a scan, a 縦書き card; bad bytes refused."""

from __future__ import annotations

import pytest

from appliance.bizcard.generator import make_card
from appliance.bizcard.scan import NotAnImageError, scan_bytes, scan_image
from appliance.bizcard.score import judge


@pytest.mark.parametrize(
    ("seed", "lang", "vert", "style"),
    [(3, "ja", False, "photo"), (1, "en", False, "scan"), (3, "ja", True, "scan")],
)
def test_a_card_reads_right(seed: int, lang: str, vert: bool, style: str) -> None:
    card = make_card(seed, lang=lang, vert=vert, style=style)
    result = scan_image(card.image)
    assert judge(card.truth, result.fields) == dict.fromkeys(
        ("name", "company", "title", "phones", "email", "postal_code"), True
    )
    assert result.vertical == vert
    assert result.as_json()["fields"]["phones"][0]["kind"] in ("tel", "fax", "mobile")


def test_bytes_that_are_no_image_are_refused() -> None:
    with pytest.raises(NotAnImageError):
        scan_bytes(b"%PDF-1.4 not a photo")
