"""A line's call rules: answered on a phone the line cannot see, calls that end, one per line."""

from __future__ import annotations

from datetime import datetime, timedelta

from faker import Faker

from appliance.core.calls.machine import CallState, LineCallMachine, LineRules, Transition
from drivers.base import CallerId, OffHook, OnHook, Ring, RingingStopped, ToneEvent

T0 = datetime(2026, 12, 7, 18, 5, 0)
fake = Faker("ja_JP")
Faker.seed(18)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def kinds(transitions: list[Transition]) -> list[str]:
    return [t.kind for t in transitions]


def modem_line(**rules: float | int | bool) -> LineCallMachine:
    """A line like a voice modem's: no hook events."""
    return LineCallMachine("line1", ring_timeout_s=7, rules=LineRules(hook_events=False, **rules))  # type: ignore[arg-type]


def ring_n(m: LineCallMachine, n: int, start: float = 0.0) -> list[Transition]:
    out: list[Transition] = []
    for i in range(n):
        out += m.feed(Ring("line1", count=i + 1, at=at(start + 3 * i)))
    return out


def test_short_ringing_on_a_line_without_hook_events_counts_as_answered_elsewhere() -> None:
    m = modem_line()
    ring_n(m, 2)
    m.feed(CallerId("line1", number=fake.phone_number(), at=at(1)))
    [stopped] = m.tick(at(3 + 7))
    assert stopped.kind == "missed" and stopped.assumed_answered and stopped.rings == 2


def test_long_ringing_on_a_line_without_hook_events_is_missed() -> None:
    m = modem_line(missed_after_rings=4)
    ring_n(m, 4)
    [stopped] = m.feed(RingingStopped("line1", rings=4, at=at(20)))
    assert stopped.kind == "missed" and not stopped.assumed_answered


def test_a_line_with_hook_events_is_missed_whatever_the_rings() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    ring_n(m, 1)
    [stopped] = m.tick(at(8))
    assert stopped.kind == "missed" and not stopped.assumed_answered


def test_a_new_ring_ends_the_call_in_progress_on_the_line() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    ring_n(m, 2)
    first = m.call_key
    assert kinds(m.feed(OffHook("line1", at=at(5)))) == ["answered"]
    out = m.feed(Ring("line1", at=at(300)))
    assert kinds(out) == ["ended", "started", "ring"]
    assert out[0].call_key == first and out[0].why == "superseded"
    assert m.call_key != first and m.state is CallState.RINGING


def test_a_new_caller_id_ends_the_call_in_progress_but_a_repeat_does_not() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    number = fake.phone_number()
    m.feed(CallerId("line1", number=number, at=at(0)))
    m.feed(OffHook("line1", at=at(4)))
    assert m.feed(CallerId("line1", number=number, at=at(5))) == []
    out = m.feed(CallerId("line1", number=fake.phone_number(), at=at(200)))
    assert kinds(out) == ["ended", "started", "identified"]


def test_an_answered_call_whose_end_is_never_reported_times_out() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7, rules=LineRules(call_timeout_s=600))
    ring_n(m, 1)
    m.feed(OffHook("line1", at=at(2)))
    assert m.tick(at(601)) == []
    [ended] = m.tick(at(602))
    assert ended.kind == "ended" and ended.why == "timeout"
    assert m.tick(at(2000)) == []


def test_a_hang_up_reported_by_the_line_ends_the_call() -> None:
    m = LineCallMachine("line1", ring_timeout_s=7)
    ring_n(m, 2)
    m.feed(OffHook("line1", at=at(4)))
    [ended] = m.feed(OnHook("line1", remote=True, at=at(95)))
    assert ended.why == "hangup" and ended.remote_hangup


def test_a_modem_hearing_an_extension_lifted_counts_it_answered_and_put_down_ended() -> None:
    m = modem_line()
    ring_n(m, 3)
    assert kinds(m.feed(ToneEvent("line1", tone="extension_offhook", at=at(8)))) == ["answered"]
    [ended] = m.feed(ToneEvent("line1", tone="extension_onhook", at=at(70)))
    assert ended.kind == "ended" and ended.why == "hangup"


def test_a_stopped_call_a_desk_took_stays_on_the_line_until_the_next_call() -> None:
    m = modem_line()
    ring_n(m, 6)
    [stopped] = m.tick(at(15 + 7))
    m.settled(stopped.call_key, True, stopped.at)
    assert m.state is CallState.ANSWERED
    out = ring_n(m, 1, start=400)
    assert kinds(out) == ["ended", "started", "ring"] and out[0].why == "superseded"
