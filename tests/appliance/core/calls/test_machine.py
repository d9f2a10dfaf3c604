"""The per-line call state machine: ringing → answered | missed → ended."""

from __future__ import annotations

from datetime import datetime, timedelta

from appliance.core.calls.machine import CallState, LineCallMachine
from appliance.core.calls.reasons import reason_words
from drivers.base import CallerId, OffHook, OnHook, Reason, Ring, RingingStopped

T0 = datetime(2026, 11, 22, 12, 0, 0)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def kinds(transitions: list) -> list[str]:  # type: ignore[type-arg]
    return [t.kind for t in transitions]


def test_answered_call_runs_ringing_answered_ended() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    assert kinds(m.feed(Ring("line1", at=at(0)))) == ["started", "ring"]
    cid = CallerId("line1", number="0312345678", name="ヤマダ タロウ", at=at(1))
    out = m.feed(cid)
    assert kinds(out) == ["identified"] and out[0].caller == cid
    assert kinds(m.feed(Ring("line1", at=at(6)))) == ["ring"]
    answered = m.feed(OffHook("line1", at=at(8)))
    assert kinds(answered) == ["answered"] and answered[0].rings == 2
    ended = m.feed(OnHook("line1", remote=True, at=at(60)))
    assert kinds(ended) == ["ended"] and ended[0].remote_hangup
    assert m.state is CallState.ENDED


def test_ringing_stops_by_timeout_becomes_missed() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    m.feed(Ring("line1", at=at(0)))
    m.feed(CallerId("line1", number="09012345678", at=at(1)))
    m.feed(Ring("line1", at=at(6)))
    assert m.tick(at(12)) == []
    missed = m.tick(at(13))
    assert kinds(missed) == ["missed"]
    assert missed[0].caller is not None and missed[0].caller.number == "09012345678"
    assert m.tick(at(30)) == []


def test_driver_ringing_stopped_is_missed_once() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    m.feed(Ring("line1", at=at(0)))
    assert kinds(m.feed(RingingStopped("line1", rings=1, at=at(7)))) == ["missed"]
    assert m.feed(RingingStopped("line1", rings=1, at=at(8))) == []


def test_caller_id_before_first_ring_starts_the_call() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    out = m.feed(CallerId("line1", number="+441632960123", at=at(0)))
    assert kinds(out) == ["started", "identified"]
    assert kinds(m.feed(Ring("line1", at=at(1)))) == ["ring"]


def test_repeated_identical_caller_id_is_reported_once() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    m.feed(Ring("line1", at=at(0)))
    assert kinds(m.feed(CallerId("line1", number="0312345678", at=at(1)))) == ["identified"]
    assert m.feed(CallerId("line1", number="0312345678", at=at(2))) == []


def test_new_ring_after_a_missed_call_starts_a_new_call() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    first = m.feed(Ring("line1", at=at(0)))[0].call_key
    m.tick(at(10))
    second = m.feed(Ring("line1", at=at(20)))[0].call_key
    assert second != first


def test_events_of_other_lines_are_ignored() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    assert m.feed(Ring("line2", at=at(0))) == []


def test_reason_words_in_both_languages() -> None:
    assert reason_words(Reason.WITHHELD) == "非通知"
    assert reason_words("P", "en") == "Withheld"
    assert reason_words("C") == "公衆電話"
    assert reason_words("O", "en") == "Out of area"
    assert reason_words("E") == "受信エラー"
    assert reason_words(None) is None
    assert "X" in (reason_words("X", "en") or "")


def test_a_name_sent_after_the_number_completes_the_same_caller() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    m.feed(CallerId("line1", number="0312345678", raw=("NMBR = 0312345678",), at=at(0)))
    [t] = m.feed(CallerId("line1", name="YAMADA", raw=("NAME = YAMADA",), at=at(0.1)))
    assert t.kind == "identified" and t.caller is not None
    assert (t.caller.number, t.caller.name) == ("0312345678", "YAMADA")
    assert t.caller.raw == ("NMBR = 0312345678", "NAME = YAMADA")
    assert m.feed(CallerId("line1", name="YAMADA", raw=("NAME = YAMADA",), at=at(0.2))) == []
