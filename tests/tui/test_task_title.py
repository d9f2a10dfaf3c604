"""A callback folding several missed calls says how many and when the last one rang, in the
desk's language."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.contract import TaskOut
from tui.format import local, task_title
from tui.i18n import Lang, set_language

LAST = dt.datetime(2026, 12, 7, 9, 41)


def _callback(count: int) -> TaskOut:
    return TaskOut(
        id=7,
        kind="callback",
        reason="不在着信 090-2345-6789",
        state="open",
        created_at=LAST - dt.timedelta(hours=2),
        version=1,
        missed_count=count,
        last_missed_at=LAST,
        missed_from="090-2345-6789",
    )


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [("ja", "不在着信", "（3回・最終 {at}）"), ("en", "Missed call", "(3 calls, last {at})")],
)
def test_a_folded_callback_says_how_many_and_when(lang: Lang, title: str, words: str) -> None:
    set_language(lang)
    try:
        at = local(LAST, "%H:%M")
        assert task_title(_callback(3)) == f"{title} 090-2345-6789 " + words.format(at=at)
        assert task_title(_callback(1)) == f"{title} 090-2345-6789"
    finally:
        set_language("ja")
