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
from tui.replica.store import Replica
from tui.replica.sync import pull

ACTOR = Actor(None, None, "受付")


class Direct:
    """The /changes routes answered straight from the box's feed functions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def request(
        self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        run, p = self.store.executor.run, params or {}
        if path == "/changes/tables":
            return {"tables": list(changefeed.TABLES), "head": await run(changefeed.head)}
        if path.startswith("/changes/table/"):
            return await run(changefeed.table_page, path.rsplit("/", 1)[1], p["after"], p["limit"])
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
    return (
        [(int(r.id), str(r.hash)) for r in AuditLog.select().order_by(AuditLog.id)],
        Note.select().where(Note.deleted_at.is_null()).count(),
        Customer.select().count(),
        Phone.select().count(),
        CustomerTag.select().count(),
        verify_audit_chain().ok,
    )


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
        sato = {
            "id": 3,
            "display_name": "佐藤 花子",
            "reading": "さとう はなこ",
            "deleted_at": None,
        }
        page = {
            "last_seq": 5,
            "rows": [
                {"table": "customer", "id": 3, "data": sato},
                {"table": "phone", "id": 7, "data": phone},
            ],
            "sets": [{"table": "phone", "owner": 3, "ids": [7]}],
        }
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


def _secrets(monkeypatch: Any) -> tuple[str, bytes, str]:
    """An admin with a password, a recording with its key, a paired desk's certificate, and an
    audit row an older box wrote with the hash in it; returns (hash, key, PEM)."""
    from appliance.core import audit
    from appliance.core.access.desks import register_desk
    from appliance.core.access.passwords import hash_password
    from appliance.core.users import create_user
    from appliance.recordings.rows import create_row

    hashed = hash_password("correct horse 山田")
    user = create_user(
        ACTOR, "yamada", role="admin", display_name="山田 花子", password_hash=hashed
    )
    with monkeypatch.context() as m:  # the log of a box from before secrets were kept out
        m.setattr(audit, "SECRET_FIELDS", frozenset())
        audit.record(ACTOR, "user", int(user.id), "update", None, {"password_hash": hashed})
    file_key = os.urandom(32)
    create_row(
        "ab" * 16,
        "ab.rec",
        file_key,
        call_id=None,
        kind="call",
        line="1",
        started_at=Customer.select().first().created_at,
    )
    pem = "-----BEGIN CERTIFICATE-----\nMIIBdeskcertificate受付\n-----END CERTIFICATE-----\n"
    register_desk("受付", "f" * 64, pem.encode())
    return hashed, file_key, pem


async def test_no_password_hash_key_or_certificate_reaches_a_replica(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from appliance.db.models import Recording, User

    key, desk_key, live = os.urandom(32), os.urandom(32), tmp_path / "live.db"
    store = Store.open(live, key, create=True)
    replica = Replica(tmp_path / "desk" / "replica.db", desk_key)
    try:
        store.executor.call(_plant)
        conn = sqlfile.connect(live, key)  # a snapshot from before the secrets
        try:
            sqlfile.copy(conn, tmp_path / "snapshot.db", key)
        finally:
            conn.close()
        hashed, file_key, _pem = store.executor.call(_secrets, monkeypatch)
        await pull(Direct(store), replica)  # the first copy (table pages) ...
        store.executor.call(_secrets_again, hashed)
        await pull(Direct(store), replica)  # ... and the stream after it
        assert replica.card(1) is not None
    finally:
        store.close()
        replica.close()
    conn = sqlfile.connect(replica.path, desk_key)
    try:
        text = "\n".join(str(d) for (d,) in conn.execute("SELECT data FROM rows"))
    finally:
        conn.close()
    assert "yamada" in text  # the user is there, without what would let anyone log in as her
    for secret in (hashed, file_key.hex(), "MIIBdeskcertificate", "password_hash", "file_key"):
        assert secret not in text
    raw = b"".join(p.read_bytes() for p in replica.path.parent.iterdir())
    for blob in (hashed.encode(), file_key, file_key.hex().encode()):
        assert blob not in raw

    alone = Store.open(tmp_path / "alone.db", os.urandom(32), create=True)
    try:
        report = alone.executor.call(apply_replica, replica.path, desk_key, fresh=True)
        assert report.chain is not None and report.chain.ok, report.chain
        got = alone.executor.call(
            lambda: (
                User.get(User.username == "yamada").password_hash,
                bytes(Recording.get().file_key),
                Recording.get().state,
            )
        )
        assert got == ("", b"", "missing")  # the admin sets passwords again; no key, no audio
    finally:
        alone.close()

    # on top of a snapshot that holds the recording, its key stays the snapshot's
    snap = Store.open(tmp_path / "snapshot.db", key)
    try:
        snap.executor.call(_plant_recording, file_key)
        report = snap.executor.call(apply_replica, replica.path, desk_key, fresh=False)
        assert report.chain is not None and report.chain.ok, report.chain
        assert report.written.get("recording") == 1  # the replica's row, over the snapshot's
        assert snap.executor.call(lambda: bytes(Recording.get().file_key)) == file_key
        assert snap.executor.call(lambda: Recording.get().state) != "missing"
    finally:
        snap.close()


def _secrets_again(hashed: str) -> None:
    """Changes after the first copy touch the user and the recording again (the stream path)."""
    from appliance.core import editing
    from appliance.core.access.sessions import set_password
    from appliance.db.models import Recording, User, utcnow

    user = User.get(User.username == "yamada")
    editing.update(ACTOR, User, int(user.id), int(user.version), {"display_name": "山田 花"})
    set_password(int(user.id), "another good 合言葉", utcnow())
    from appliance.core import audit

    rec = Recording.get()
    Recording.update(duration_s=12.5).where(Recording.id == rec.id).execute()
    audit.record(ACTOR, "recording", int(rec.id), "update", None, {"duration_s": 12.5})


def _plant_recording(file_key: bytes) -> None:
    """The snapshot's copy of the recording row (as if taken after it was made)."""
    from appliance.recordings.rows import create_row

    create_row(
        "ab" * 16,
        "ab.rec",
        file_key,
        call_id=None,
        kind="call",
        line="1",
        started_at=Customer.select().first().created_at,
    )


async def test_a_change_event_pulls_at_once_without_waiting_for_the_poll(tmp_path: Path) -> None:
    import asyncio

    from tui.replica.sync import Follower

    key, live = os.urandom(32), tmp_path / "live.db"
    store = Store.open(live, key, create=True)
    replica = Replica(tmp_path / "replica.db", os.urandom(32))
    wake = asyncio.Event()
    follower = asyncio.create_task(
        Follower(Direct(store), replica, interval_s=3600, wake=wake).run()
    )
    try:
        store.executor.call(_plant)
        wake.set()  # what the desk does on a `change` event
        while not (replica.complete and replica.customers("山田")):  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        store.executor.call(create_customer, ACTOR, "佐々木 蓮", phones=["011-222-3344"])
        wake.set()
        while not replica.customers("佐々木"):  # noqa: ASYNC110 (the follower's own task)
            await asyncio.sleep(0.01)
    finally:
        follower.cancel()
        await asyncio.gather(follower, return_exceptions=True)
        store.close()
        replica.close()
