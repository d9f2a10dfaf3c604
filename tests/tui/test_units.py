"""Pure parts of the desk: due times, wide-character padding, the stale-edit comparison,
events to messages, the desk state."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from appliance.contract import CallOut, Event, LoginOut, PopOut
from tui import messages as m
from tui.dialogs.stale import conflict_rows
from tui.due_times import parse_due
from tui.event_messages import to_message
from tui.format import call_line, duration, kind_words, money, outcome_words, pad
from tui.i18n import set_language
from tui.state import DeskState

NOW = dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("+30m", NOW + dt.timedelta(minutes=30)),
        ("+2h", NOW + dt.timedelta(hours=2)),
        ("＋１日", NOW + dt.timedelta(days=1)),
        ("15:30", NOW.replace(hour=15, minute=30)),
        ("09:00", NOW.replace(hour=9) + dt.timedelta(days=1)),  # past today: tomorrow
        ("明日 10:00", NOW.replace(hour=10) + dt.timedelta(days=1)),
        ("2026-12-24 18:00", NOW.replace(month=12, day=24, hour=18)),
        ("あした", None),
        ("25:00", None),
        ("", None),
    ],
)
def test_parse_due(text: str, want: dt.datetime | None) -> None:
    assert parse_due(text, NOW) == want


@given(st.text(max_size=30), st.integers(min_value=0, max_value=40))
def test_pad_fills_exactly_the_cells(text: str, cells: int) -> None:
    text = "".join(ch for ch in text if cell_len(ch) in (1, 2))
    assert cell_len(pad(text, cells)) == cells


def test_money_and_duration() -> None:
    assert money(3200) == "¥3,200" and money(1250, "USD") == "$12.50"
    assert duration(95) == "1:35" and duration(3725) == "1:02:05"


def test_conflict_rows_mark_clashes_only() -> None:
    base = {"title": "主任", "household": "", "vip": False}
    mine = {"title": "課長"}
    current = {"title": "部長", "household": "4 人家族", "vip": False}
    rows = {r[0]: r for r in conflict_rows(mine, base, current)}
    assert rows["title"] == ("title", "課長", "部長", True)
    assert rows["household"] == ("household", "—", "4 人家族", False)
    assert "vip" not in rows


AT = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)


def test_events_become_messages_and_bad_ones_are_dropped() -> None:
    pop = PopOut(call_id=3, line="1", at=AT).model_dump(mode="json")
    assert isinstance(to_message(Event(seq=1, kind="pop", data=pop)), m.PopArrived)
    assert isinstance(to_message(Event(seq=2, kind="resync", data={"why": "gap"})), m.Resynced)
    assert to_message(Event(seq=3, kind="pop", data={"call_id": "x"})) is None
    assert to_message(Event(seq=4, kind="callerid", data={})) is None
    changed = to_message(Event(seq=5, kind="customer", data={"customer_id": 9, "version": 4}))
    assert isinstance(changed, m.CustomerChanged) and changed.version == 4


def test_state_knows_its_own_claims() -> None:
    state = DeskState(desk_id=2)
    state.login(LoginOut(token="t", username="tanaka", role="operator"))
    state.on_pop(PopOut(call_id=3, line="1", at=AT))
    theirs = CallOut(
        id=3,
        line="1",
        direction="in",
        state="answered",
        started_at=AT,
        desk_id=5,
        user_id=8,
        user_name="鈴木 一郎",
    )
    live = state.on_call(theirs)
    assert live is not None and live.claimed_by == "鈴木 一郎" and not live.claimed_by_me
    mine = theirs.model_copy(update={"desk_id": 2, "user_id": 4, "user_name": "田中 花子"})
    state.learn(mine)
    assert state.on_call(mine) is live and state.calls[3].claimed_by_me
    state.on_call(mine.model_copy(update={"state": "ended"}))
    assert state.ringing() == [] and live.over


def test_how_past_calls_went_is_said_in_the_desk_language() -> None:
    from appliance.core.call_log import DISPOSITIONS

    set_language("ja")
    try:
        assert (kind_words("call"), outcome_words("completed")) == ("通話", "完了")
        assert outcome_words("ended") == "終了" and outcome_words("taken_at_desk") == "内線で応対"
        assert all(outcome_words(d) != d for d in DISPOSITIONS)  # every one has its words
        assert kind_words("survey") == "survey"  # a kind this desk does not know: as named
        at = dt.datetime(2026, 12, 1, 9, 30)
        missed = CallOut(
            id=3,
            line="1",
            direction="in",
            state="missed",
            event="missed",
            started_at=at,
            number="0312345678",
        )
        assert call_line(missed).endswith("不在")  # the event repeats the state: said once
        set_language("en")
        assert (kind_words("order"), outcome_words("remote_hangup")) == ("Order", "caller hung up")
        taken = missed.model_copy(
            update={"state": "answered", "event": "claimed", "user_name": "tanaka"}
        )
        assert call_line(taken).endswith("answered taken  tanaka")
    finally:
        set_language("ja")
