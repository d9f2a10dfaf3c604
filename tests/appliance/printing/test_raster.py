"""Slips drawn as images: the paper's width, Japanese drawn from the Debian font, long text
wrapped inside the paper, a clear error without a font."""

from __future__ import annotations

import pytest
from PIL import ImageChops

from appliance.printing import fonts
from appliance.printing.encode import slip_image
from appliance.printing.fonts import font as _font
from appliance.printing.layout import Row
from appliance.printing.raster import render_rows, wrap
from tests.appliance.printing.slips import japanese_slip


@pytest.mark.parametrize(("mm", "dots"), [(58, 384), (80, 576)])
def test_the_image_is_as_wide_as_the_paper(mm: int, dots: int) -> None:
    image = slip_image(japanese_slip(), mm)
    assert image.mode == "1" and image.width == dots
    assert image.height > 500


def test_japanese_is_drawn_with_ink_and_differs_from_other_text() -> None:
    one = render_rows([Row("山田 太郎 様")], 80)
    other = render_rows([Row("鈴木 花子 様")], 80)
    assert one.getbbox() is not None
    inverted = ImageChops.invert(one.convert("L"))
    assert inverted.getbbox() is not None  # black dots drawn
    assert ImageChops.difference(one.convert("L"), other.convert("L")).getbbox() is not None


def test_wrapped_lines_never_pass_the_width() -> None:
    font = _font(24)
    text = "東京都渋谷区神宮前一丁目二番三号 メゾン・ド・ジングウマエ 二〇一号室 Apartment 201B"
    lines = wrap(text, font, 384)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(font.getlength(line) <= 384 for line in lines)
    assert "Apartment" in lines[-1] or "Apartment" in lines[-2]  # a Latin word stays whole


def test_no_japanese_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fonts.japanese_font.cache_clear()
    monkeypatch.setattr(fonts, "CANDIDATES", (("/nonexistent/font.ttf", 0),))
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-ipafont-gothic"):
            fonts.japanese_font()
    finally:
        fonts.japanese_font.cache_clear()
