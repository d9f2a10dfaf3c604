"""The call lifecycle on a real encrypted database: answered elsewhere, calls that end, one call
per line, missed calls folded into one callback per number, callbacks served by a later call."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from faker import Faker

from appliance.contract.pop import PopOut
from appliance.core.calls.db_store import DbCallStore
from appliance.core.calls.machine import LineRules
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallUpdate
from appliance.core.clock import as_stored
from appliance.db.models import Call, Desk, Task
from appliance.db.store import Store
from drivers.base import CallerId, Direction, OffHook, OnHook, Reason, Ring, RingingStopped

T0 = datetime(2026, 12, 7, 9, 30, 0)
fake = Faker("ja_JP")
Faker.seed(1807)


class Published(list[PopOut | CallUpdate]):
    def pop(self, pop: PopOut) -> None:
        self.append(pop)

    async def update(self, update: CallUpdate) -> None:
        self.append(update)


def _router(store: Store, rules: LineRules, language: str = "ja") -> CallRouter:
    db = DbCallStore(DbCallRecords("JP", language=language), store.executor)
    router = CallRouter(lambda: db, Published())
    router.add_line("line1", 7.0, rules)
    return router


async def _ringing_call(
    router: CallRouter, start: datetime, number: str | None, rings: int, **cid: Any
) -> None:
    await router.handle(Ring("line1", count=1, at=start))
    await router.handle(CallerId("line1", number=number, at=start + timedelta(seconds=1), **cid))
    for n in range(2, rings + 1):
        await router.handle(Ring("line1", count=n, at=start + timedelta(seconds=3 * (n - 1))))


def _calls() -> list[tuple[str, str, float | None]]:
    return [(c.state, c.disposition, c.duration_s) for c in Call.select().order_by(Call.id)]


def _open_callbacks() -> list[tuple[str, int, datetime | None]]:
    query = Task.select().where((Task.state == "open") & (Task.kind == "callback"))
    return [(t.reason, t.missed_count, t.last_missed_at) for t in query.order_by(Task.id)]


async def test_short_unclaimed_ringing_on_a_modem_line_is_answered_elsewhere_not_a_callback(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules(hook_events=False, missed_after_rings=4))
    await _ringing_call(router, T0, "09011112222", rings=2)
    await router.handle(RingingStopped("line1", rings=2, at=T0 + timedelta(seconds=10)))
    assert await store.executor.run(_calls) == [("ended", "answered_elsewhere", None)]
    assert await store.executor.run(_open_callbacks) == []


async def test_missed_calls_from_one_number_fold_into_one_callback_titled_like_the_pop(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules(hook_events=False, missed_after_rings=4))
    number = "09023456789"
    for i in range(3):
        start = T0 + timedelta(minutes=20 * i)
        await _ringing_call(router, start, number, rings=6, name=fake.last_kana_name())
        await router.handle(RingingStopped("line1", rings=6, at=start + timedelta(seconds=20)))
    [(title, count, last)] = await store.executor.run(_open_callbacks)
    assert title.startswith("不在着信 090-2345-6789") and "/" not in title
    assert count == 3 and last == as_stored(T0 + timedelta(minutes=40, seconds=20))
    states = [s for s, _, _ in await store.executor.run(_calls)]
    assert states == ["missed"] * 3


async def test_callback_titles_are_english_on_an_english_box(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules(), language="en")
    await _ringing_call(router, T0, "0312345678", rings=1)
    await router.handle(RingingStopped("line1", rings=1, at=T0 + timedelta(seconds=9)))
    [(title, count, _)] = await store.executor.run(_open_callbacks)
    assert title == "Missed call 03-1234-5678" and count == 1


async def test_withheld_and_payphone_callers_never_make_callbacks(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules())
    for i, reason in enumerate((Reason.WITHHELD, Reason.PAYPHONE, Reason.OUT_OF_AREA)):
        start = T0 + timedelta(minutes=i)
        await _ringing_call(router, start, None, rings=5, reason=reason)
        await router.handle(RingingStopped("line1", rings=5, at=start + timedelta(seconds=20)))
    assert [s for s, _, _ in await store.executor.run(_calls)] == ["missed"] * 3
    assert await store.executor.run(_open_callbacks) == []


async def test_a_later_answered_call_from_the_number_closes_its_callback(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules())
    await _ringing_call(router, T0, "06-6123-4567", rings=4)
    await router.handle(RingingStopped("line1", rings=4, at=T0 + timedelta(seconds=15)))
    assert len(await store.executor.run(_open_callbacks)) == 1
    later = T0 + timedelta(hours=1)
    await _ringing_call(router, later, "0661234567", rings=2)
    await router.handle(OffHook("line1", at=later + timedelta(seconds=5)))
    await router.handle(OnHook("line1", remote=True, at=later + timedelta(seconds=125)))
    assert await store.executor.run(_open_callbacks) == []

    def served() -> tuple[str, Any]:
        task = Task.get()
        return task.state, task.done_at

    state, done_at = await store.executor.run(served)
    assert state == "done" and done_at is not None
    ended = (await store.executor.run(_calls))[-1]
    assert ended == ("ended", "remote_hangup", 120.0)


async def test_at_most_one_call_in_progress_per_line(store: Store, people: dict[str, int]) -> None:
    """Claimed calls on a line that cannot report hang-ups: the next call closes the last."""
    router = _router(store, LineRules(hook_events=False))

    def claim_last() -> None:
        desk = Desk.get_or_create(name="受付", defaults={"cert_fingerprint": "cd" * 16})[0]
        Call.update(desk=desk).where(
            Call.id == Call.select(Call.id).order_by(Call.id.desc()).limit(1)
        ).execute()

    for i in range(3):
        start = T0 + timedelta(minutes=5 * i)
        await _ringing_call(router, start, fake.phone_number(), rings=2)
        await store.executor.run(claim_last)
        await router.handle(RingingStopped("line1", rings=2, at=start + timedelta(seconds=12)))

    def in_progress() -> list[str]:
        return [c.state for c in Call.select().where(Call.state == "answered")]

    assert await store.executor.run(in_progress) == ["answered"]
    calls = await store.executor.run(_calls)
    # taken at a desk, ended when the next call rang: how long it lasted is not known
    assert calls[:2] == [("ended", "taken_at_desk", None)] * 2


async def test_an_outgoing_call_answered_closes_the_callback_and_one_unanswered_makes_none(
    store: Store, people: dict[str, int]
) -> None:
    router = _router(store, LineRules())
    await _ringing_call(router, T0, "0312345678", rings=5)
    await router.handle(RingingStopped("line1", rings=5, at=T0 + timedelta(seconds=20)))
    out = {"direction": Direction.OUTBOUND}
    later = T0 + timedelta(minutes=10)
    await router.handle(CallerId("line1", number="09087654321", at=later, **out))
    await router.handle(RingingStopped("line1", at=later + timedelta(seconds=30)))
    assert len(await store.executor.run(_open_callbacks)) == 1  # no callback for our own call
    again = T0 + timedelta(minutes=15)
    await router.handle(CallerId("line1", number="03-1234-5678", at=again, **out))
    await router.handle(OffHook("line1", at=again + timedelta(seconds=8)))
    await router.handle(OnHook("line1", at=again + timedelta(seconds=98)))
    assert await store.executor.run(_open_callbacks) == []  # we called back: done
    calls = await store.executor.run(_calls)
    assert calls[1] == ("ended", "no_answer", None) and calls[2][0] == "ended"


async def test_a_pickup_told_at_hang_up_turns_a_missed_call_answered_with_its_length(
    store: Store, people: dict[str, int]
) -> None:
    """An NCID gateway says RING 0 when the ringing stops and RING -2 only at hang-up: the call
    judged missed (with a callback) was answered after all, from the stop to the hang-up."""
    router = _router(store, LineRules(hook_events=False, missed_after_rings=2))
    await _ringing_call(router, T0, "09011112222", rings=5)
    stopped = T0 + timedelta(seconds=15)
    await router.handle(RingingStopped("line1", rings=5, at=stopped))
    assert [s for s, _, _ in await store.executor.run(_calls)] == ["missed"]
    assert len(await store.executor.run(_open_callbacks)) == 1
    await router.handle(OffHook("line1", at=stopped, late=True))
    await router.handle(OnHook("line1", at=stopped + timedelta(minutes=4)))
    assert await store.executor.run(_calls) == [("ended", "completed", 240.0)]
    assert await store.executor.run(_open_callbacks) == []  # served by this very call
    # a short call the ring rule took as answered elsewhere gets its length the same way
    await _ringing_call(router, T0 + timedelta(hours=1), "0312345678", rings=1)
    stopped = T0 + timedelta(hours=1, seconds=8)
    await router.handle(RingingStopped("line1", rings=1, at=stopped))
    await router.handle(OffHook("line1", at=stopped, late=True))
    await router.handle(OnHook("line1", at=stopped + timedelta(seconds=90)))
    assert (await store.executor.run(_calls))[-1] == ("ended", "completed", 90.0)
    # a late pickup for a call that never rang here changes nothing
    await router.handle(OffHook("line1", at=stopped, late=True))
    assert len(await store.executor.run(_calls)) == 2
