"""The card generator: reproducible, varied (fonts, layouts, languages, orientations, styles)."""

from __future__ import annotations

import numpy as np

from appliance.bizcard.generator import card_set, make_card


def test_a_seed_makes_the_same_card() -> None:
    a, b = make_card(7), make_card(7)
    assert a.truth == b.truth and a.design == b.design and a.style == b.style
    assert np.array_equal(np.asarray(a.image), np.asarray(b.image))


def test_the_set_is_not_one_font_or_layout() -> None:
    cards = list(card_set(24))
    assert len({c.design.font for c in cards}) >= 4
    assert len({c.design.layout for c in cards}) >= 4
    assert {c.truth.lang for c in cards} == {"ja", "en"}
    assert {c.design.vertical for c in cards} == {True, False}
    assert {c.style for c in cards} == {"scan", "photo"}


def test_vertical_cards_are_portrait_and_photos_show_the_desk() -> None:
    card = make_card(3, lang="ja", vert=True, style="clean")
    assert card.image.height > card.image.width
    photo = make_card(3, lang="en", vert=False, style="photo")
    corner = np.asarray(photo.image.convert("L"))[:20, :20]
    assert corner.mean() < 200  # the desk around the card, not paper


def test_truth_looks_like_a_real_card() -> None:
    ja = make_card(11, lang="ja").truth
    assert ja.reading and "@" in ja.email and len(ja.postal_code) == 8
    assert all(p.kind in ("tel", "fax", "mobile") for p in ja.phones)
    en = make_card(11, lang="en").truth
    assert en.reading == "" and en.postal_code in en.address
