"""The replica against the box's own change feed (real SQLCipher files, no network): first copy,
changes applied once by seq, hard deletes as tombstones, and a box rebuilt from a snapshot plus
the replica, or from the replica alone, holding the live box's every row and audit hash."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from appliance.core import changefeed
from appliance.core.actor import Actor
from appliance.core.audit import verify_audit_chain
from appliance.core.customers import create_customer
from appliance.core.notes import add_note, delete_note
from appliance.core.tags import tag_customer, untag_customer
from appliance.db.models import AuditLog, Customer, CustomerTag, Note, Phone
from appliance.db.store import Store
from appliance.replica_restore import apply_replica
from backups import sqlfile
from tui.replica import Replica
from tui.replica_sync import pull

ACTOR = Actor(None, None, "受付")


class Direct:
    """The /changes routes answered straight from the box's feed functions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def request(self, method: str, path: str, *, json: Any = None,
                      params: dict[str, Any] | None = None) -> Any:  # fmt: skip
        run, p = self.store.executor.run, params or {}
        if path == "/changes/tables":
            return {"tables": list(changefeed.TABLES), "head": await run(changefeed.head)}
        if path.startswith("/changes/table/"):
            return await run(changefeed.table_page, path.rsplit("/", 1)[1], p["after"],
                             p["limit"])  # fmt: skip
        assert path == "/changes"
        return await run(changefeed.changes_since, p["since"], p["limit"])


def _plant() -> None:
    for name, phone in [("山田 太郎", "03-3555-0101"), ("Emily Carter", "090-1234-5678")]:
        c = create_customer(ACTOR, name, phones=[phone])
        add_note(ACTOR, int(c.id), "いつもの大盛り")
    tag_customer(ACTOR, 1, "常連")


def _more() -> None:
    for i in range(700):  # more than one page of changes
        add_note(ACTOR, 1 + i % 2, f"折り返し希望 その{i}")
    note = Note.get_by_id(1)
    delete_note(ACTOR, 1, int(note.version))
    untag_customer(ACTOR, 1, "常連")  # a hard delete
    create_customer(ACTOR, "高橋 健一", phones=["045-222-3333"])


def _picture() -> tuple[list[tuple[int, str]], int, int, int, int, bool]:
    return ([(int(r.id), str(r.hash)) for r in AuditLog.select().order_by(AuditLog.id)],
            Note.select().where(Note.deleted_at.is_null()).count(), Customer.select().count(),
            Phone.select().count(), CustomerTag.select().count(), verify_audit_chain().ok)


async def test_snapshot_plus_replica_and_replica_alone_rebuild_the_box(tmp_path: Path) -> None:
    key, desk_key, live = os.urandom(32), os.urandom(32), tmp_path / "live.db"
    store = Store.open(live, key, create=True)
    replica = Replica(tmp_path / "desk" / "replica.db", desk_key)
    try:
        store.executor.call(_plant)
        await pull(Direct(store), replica)
        assert replica.complete and replica.seq == store.executor.call(changefeed.head)
        conn = sqlfile.connect(live, key)  # the newest snapshot, taken now
        try:
            sqlfile.copy(conn, tmp_path / "snapshot.db", key)
        finally:
            conn.close()
        store.executor.call(_more)
        assert await pull(Direct(store), replica) > 700
        assert await pull(Direct(store), replica) == 0  # nothing new, nothing applied twice
        assert replica.card(1) is not None
        assert [c["display_name"] for c in replica.customers("0452223333")] == ["高橋 健一"]
        want = store.executor.call(_picture)
    finally:
        store.close()
        replica.close()
    assert want[4] == 0 and want[5]

    topped = Store.open(tmp_path / "snapshot.db", key)
    try:
        before = topped.executor.call(_picture)
        report = topped.executor.call(apply_replica, replica.path, desk_key, fresh=False)
        assert before != want
        assert topped.executor.call(_picture) == want
        assert report.deleted >= 1  # the untagged customer_tag row
    finally:
        topped.close()

    alone = Store.open(tmp_path / "alone.db", os.urandom(32), create=True)
    try:
        alone.executor.call(apply_replica, replica.path, desk_key, fresh=True)
        assert alone.executor.call(_picture) == want
    finally:
        alone.close()


def test_pages_apply_once_and_emptied_child_sets_become_tombstones(tmp_path: Path) -> None:
    replica = Replica(tmp_path / "replica.db", os.urandom(32))
    try:
        replica.finish_copy(0)
        phone = {"id": 7, "customer": 3, "national": "0335550101", "deleted_at": None}
        sato = {"id": 3, "display_name": "佐藤 花子", "reading": "さとう はなこ",
                "deleted_at": None}  # fmt: skip
        page = {"last_seq": 5, "rows": [{"table": "customer", "id": 3, "data": sato},
                                        {"table": "phone", "id": 7, "data": phone}],
                "sets": [{"table": "phone", "owner": 3, "ids": [7]}]}  # fmt: skip
        assert replica.apply(page) == 0  # no audit rows in it, but it is applied
        assert replica.seq == 5
        assert replica.apply(page) == 0 and replica.seq == 5
        card = replica.card(3)
        assert card is not None and [p["national"] for p in card["phones"]] == ["0335550101"]
        emptied = {"last_seq": 6, "rows": [], "sets": [{"table": "phone", "owner": 3, "ids": []}]}
        replica.apply(emptied)
        card = replica.card(3)
        assert card is not None and card["phones"] == []
        assert [c["id"] for c in replica.customers("さとう")] == [3]
    finally:
        replica.close()
