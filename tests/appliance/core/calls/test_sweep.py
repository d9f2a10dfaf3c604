"""Calls no line follows any more are closed by rule: never ringing or in progress forever."""

from __future__ import annotations

from datetime import datetime, timedelta

from faker import Faker

from appliance.core.calls.sweep import close_stale, stale_calls
from appliance.db.models import Call, Desk, Task, database_proxy, utcnow
from appliance.db.store import Store

fake = Faker("ja_JP")
Faker.seed(27)


def _left_by_a_crash() -> dict[str, int]:
    """Calls as a box that died mid-call left them, and one the running box follows."""
    now = utcnow()
    desk = Desk.create(name="受付", cert_fingerprint="ef" * 16)
    ago = now - timedelta(minutes=10)

    def call(state: str, started: timedelta, **kw: object) -> int:
        at = now - started
        row = Call.create(line="line1", state=state, started_at=at, updated_at=ago, **kw)
        return int(row.id)

    return {
        "ringing": call(
            "ringing", timedelta(minutes=10), number="09011112222", number_e164="+819011112222"
        ),
        "claimed": call("ringing", timedelta(minutes=10), number="0312345678", desk=desk),
        "talking": call(
            "answered",
            timedelta(minutes=30),
            number=fake.phone_number(),
            answered_at=now - timedelta(minutes=29),
        ),
        "old": call("ringing", timedelta(days=3), number="0661234567"),
        "withheld": call("ringing", timedelta(minutes=10), reason="P"),
        "followed": call("answered", timedelta(minutes=5), number="0451234567"),
    }


def _states() -> dict[int, tuple[str, str, float | None]]:
    return {int(c.id): (c.state, c.disposition, c.duration_s) for c in Call.select()}


def _callbacks() -> list[tuple[int | None, str, int]]:
    return [(t.call_id, t.reason, t.missed_count) for t in Task.select().order_by(Task.id)]


async def test_calls_left_by_a_crash_are_closed_by_rule(store: Store) -> None:
    run = store.executor.run
    ids = await run(_left_by_a_crash)
    closed = await run(close_stale, {ids["followed"]}, utcnow(), "ja")
    assert sorted(c.id for c in closed) == sorted(v for k, v in ids.items() if k != "followed")
    states = await run(_states)
    assert states[ids["ringing"]] == ("missed", "interrupted", None)
    assert states[ids["claimed"]] == ("ended", "interrupted", None)  # a desk took it: answered
    assert states[ids["talking"]] == ("ended", "interrupted", None)  # how long: not known
    assert states[ids["old"]][0] == "missed" and states[ids["withheld"]][0] == "missed"
    assert states[ids["followed"]][0] == "answered"
    # only the recent missed caller with a number is called back, titled like the pop
    assert await run(_callbacks) == [(ids["ringing"], "不在着信 090-1111-2222", 1)]
    assert await run(close_stale, {ids["followed"]}, utcnow(), "ja") == []  # closed once


async def test_calls_touched_after_the_cutoff_are_left_alone(store: Store) -> None:
    run = store.executor.run
    await run(_left_by_a_crash)
    assert await run(close_stale, set(), utcnow() - timedelta(hours=1), "ja") == []


def _plan(cutoff: datetime) -> str:
    sql, params = stale_calls(cutoff).sql()
    rows = database_proxy.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " ".join(str(r[-1]) for r in rows)


async def test_the_sweep_reads_the_live_call_index_not_the_call_log(store: Store) -> None:
    plan = await store.executor.run(_plan, utcnow())
    assert "USING INDEX call_live" in plan, plan
