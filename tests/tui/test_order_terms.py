"""Order entry's reading of what is typed: a free line, the requested time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tui.dialogs.order_terms import free_line, parse_time

NOW = dt.datetime(2026, 12, 7, 23, 10, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("おにぎり 150", ("おにぎり", 150)),
        ("唐揚げ　２個 ４８０", ("唐揚げ 2個", 480)),
        ("Extra rice $3", ("Extra rice", 3)),
        ("おにぎり", None),
        ("150", None),
    ],
)
def test_free_line(text: str, line: tuple[str, int] | None) -> None:
    assert free_line(text) == line


def test_requested_time() -> None:
    assert parse_time("", NOW) is None and parse_time("今", NOW) is None
    assert parse_time("23:45", NOW) == dt.datetime(2026, 12, 7, 14, 45, tzinfo=dt.UTC)
    # 00:30 said at 23:10 is after midnight, not this morning
    assert parse_time("0030", NOW) == dt.datetime(2026, 12, 7, 15, 30, tzinfo=dt.UTC)
    assert parse_time("２３：００", NOW) == dt.datetime(2026, 12, 7, 14, 0, tzinfo=dt.UTC)
    assert parse_time("25:99", NOW) is None and parse_time("夕方", NOW) is None
