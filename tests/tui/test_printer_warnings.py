"""The box's printer warnings as each desk words them, in Japanese and in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui.box_warnings import warning_text
from tui.i18n import Lang, language, set_language


@pytest.fixture
def lang() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


@pytest.mark.usefixtures("lang")
@pytest.mark.parametrize(
    ("lang_", "code", "values", "says"),
    [
        (
            "ja",
            "printer_offline",
            {"printer": "厨房", "waiting": 2},
            "プリンタ「厨房」に接続できません",
        ),
        ("en", "printer_offline", {"printer": "kitchen", "waiting": 2}, "2 job(s) kept"),
        ("ja", "printer_paper_out", {"printer": "レジ", "waiting": 1}, "用紙がありません"),
        ("en", "printer_paper_out", {"printer": "counter", "waiting": 1}, "out of paper"),
        ("ja", "printer_no_font", {"printer": "レジ", "waiting": 1}, "fonts-ipafont-gothic"),
        ("ja", "no_printer", {"kind": "delivery", "waiting": 3}, "配達伝票を印刷するプリンタ"),
        ("en", "no_printer", {"kind": "kitchen", "waiting": 3}, "prints kitchen tickets"),
    ],
)
def test_printer_warnings_are_worded_in_the_desk_language(
    lang_: Lang, code: str, values: dict[str, object], says: str
) -> None:
    set_language(lang_)
    text = warning_text({"code": code, "values": values})
    assert says in text
    assert ("プリンタ" in text or "印刷" in text) == (lang_ == "ja")
