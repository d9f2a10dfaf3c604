"""The database call store: the pop goes out before the commit but no desk action can reach the
call before it; the number is parsed once; an update reads the call once, never after writing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from appliance.contract import CallOut, PopOut
from appliance.core import normalize
from appliance.core.actor import Actor
from appliance.core.calls import number as call_number
from appliance.core.calls.db_store import DbCallStore
from appliance.core.calls.machine import Transition
from appliance.core.calls.records import DbCallRecords
from appliance.core.users import create_user
from appliance.db.models import Call, Desk, database_proxy
from appliance.db.store import Store
from drivers.base import CallerId

AT = datetime(2026, 12, 7, 10, 0, 0)


def _caller(number: str) -> Transition:
    return Transition("identified", "line1", AT, 1, caller=CallerId("line1", number=number, at=AT))


async def test_a_desk_acting_on_an_announced_pop_runs_after_the_commit(
    store: Store, people: dict[str, int]
) -> None:
    db = DbCallStore(DbCallRecords("JP"), store.executor)
    call_id = await db.started(Transition("started", "line1", AT, 1))
    seen: list[tuple[bool, str]] = []
    acted: list[asyncio.Future[None]] = []

    def desk_claims() -> None:  # what a desk's claim sees on the database thread
        in_transaction = database_proxy.connection().in_transaction
        seen.append((in_transaction, str(Call.get_by_id(call_id).number)))

    def announce(pop: PopOut) -> None:  # a desk acts the moment it has the pop
        acted.append(asyncio.ensure_future(store.executor.run(desk_claims)))

    pop = await db.identified(call_id, _caller("0312345678"), announce)
    await asyncio.gather(*acted)
    assert pop.customers[0].customer_id == people["yamada"]
    assert seen == [(False, "0312345678")]  # committed, caller ID and all


async def test_the_number_is_parsed_once_per_call(
    store: Store, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = normalize.parse_phone

    def counting(raw: str, region: str = "JP") -> Any:
        parsed.append(raw)
        return real.__wrapped__(raw, region)

    def no_second_parse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the number was parsed again")

    monkeypatch.setattr(call_number, "parse_phone", counting)
    for name in ("parse_phone", "phone_lookup_keys", "display_phone"):
        monkeypatch.setattr(f"appliance.core.normalize.{name}", no_second_parse)
    monkeypatch.setattr("appliance.core.lookup.phone_lookup_keys", no_second_parse)
    monkeypatch.setattr("appliance.core.blocklist.phone_lookup_keys", no_second_parse)
    monkeypatch.setattr("appliance.core.blocklist.parse_phone", no_second_parse)
    monkeypatch.setattr("appliance.core.calls.number.display_phone", lambda e164, region: e164)
    db = DbCallStore(DbCallRecords("JP"), store.executor)
    call_id = await db.started(Transition("started", "line1", AT, 1))
    pop = await db.identified(call_id, _caller("03-1234-5678"), lambda pop: None)
    answered = Transition("answered", "line1", AT, 1)
    call = await db.progressed(call_id, answered)
    assert parsed == ["03-1234-5678"]
    assert pop.number_display == call.number_display == "+81312345678"


def _statements(log: list[str], db: Any) -> Callable[..., Any]:
    real = db.execute_sql

    def logged(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        table = ' "task"' if 'FROM "task"' in sql else ' "call"' if '"call"' in sql else ""
        log.append(sql.split()[0].upper() + table)
        return real(sql, params, *args, **kwargs)

    return logged


async def test_an_update_reads_the_call_once_and_returns_it_as_stored(
    store: Store, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = DbCallStore(DbCallRecords("JP"), store.executor)
    call_id = await db.started(Transition("started", "line1", AT, 1))
    await db.identified(call_id, _caller("0312345678"), lambda pop: None)

    def claim() -> None:
        desk = Desk.create(name="受付", cert_fingerprint="ab" * 16)
        user = create_user(Actor.system("test"), "sato", display_name="佐藤")
        Call.update(desk=desk, user=user).where(Call.id == call_id).execute()

    await store.executor.run(claim)
    log: list[str] = []
    monkeypatch.setattr(store.db, "execute_sql", _statements(log, store.db))
    answered = await db.progressed(call_id, Transition("answered", "line1", AT, 1))
    ended = await db.progressed(call_id, Transition("ended", "line1", AT.replace(minute=3), 1))
    monkeypatch.undo()
    reads = [s for s in log if s == 'SELECT "call"']
    writes = [s for s in log if s == 'UPDATE "call"']
    assert len(reads) == len(writes) == 2
    assert log.index(writes[0]) > log.index(reads[0])
    assert 'SELECT "call"' not in log[log.index(writes[0]) : log.index(reads[0], 1)]
    assert answered.state == "answered" and answered.event == "answered"
    assert (ended.user_name, ended.desk_name, ended.customer_name) == ("佐藤", "受付", "山田 太郎")
    assert ended.duration_s == 180.0 and ended.disposition == "completed"

    def as_stored() -> dict[str, Any]:
        row = Call.get_by_id(call_id)
        return {
            "state": row.state,
            "answered_at": row.answered_at.replace(tzinfo=UTC),  # stored naive UTC, sent aware
            "ended_at": row.ended_at.replace(tzinfo=UTC),
            "duration_s": row.duration_s,
            "disposition": row.disposition,
        }

    stored = await store.executor.run(as_stored)
    assert ended.model_dump(include=set(stored)) == stored
    assert isinstance(ended, CallOut) and ended.number_display == "03-1234-5678"
