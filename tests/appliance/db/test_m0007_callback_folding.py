"""Migration 0007: callbacks count the missed calls folded into them; one an older box made
for a missed call counts that call."""

from __future__ import annotations

from datetime import datetime

from appliance.db.migrations import migrate
from appliance.db.models import Call, Task
from appliance.db.store import Store

AT = datetime(2026, 12, 6, 19, 12, 0)


def _older_box() -> None:
    call = Call.create(line="line1", state="missed", number="0312345678", started_at=AT)
    Task.create(kind="callback", call=call, reason="不在着信 / missed call: 0312345678")
    Task.create(kind="callback", reason="18:30 お見積りの件で折り返し", due_at=AT)
    Task.update(missed_count=0).execute()


def _counts() -> list[tuple[int, bool]]:
    return [(t.missed_count, t.last_missed_at is not None) for t in Task.select().order_by(Task.id)]


def test_an_older_boxs_missed_call_callback_counts_one_call(store: Store) -> None:
    run = store.executor.call
    run(_older_box)
    run(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 7")
    assert run(migrate, store.db)[0] == 7
    assert run(_counts) == [(1, True), (0, False)]
