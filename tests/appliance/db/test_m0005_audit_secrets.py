"""Migration 0005: audit rows an older box wrote with password hashes and recording keys lose
those fields, keep the rest, and the hash chain still verifies; other rows stay as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appliance.core import audit
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.audit import holds_secret, verify_audit_chain
from appliance.db.migrations import current_version, discover, migrate
from appliance.db.models import AuditLog
from appliance.db.store import Store

ACTOR = Actor(None, None, "受付")
Row = tuple[int, str | None, str | None, str, str, str, Any]


def _rows() -> list[Row]:
    return [
        (int(r.id), r.before, r.after, r.payload_digest, r.prev_hash, r.hash, r.redacted_at)
        for r in AuditLog.select().order_by(AuditLog.id)
    ]


def _old_box_log(monkeypatch: pytest.MonkeyPatch, hashed: str) -> None:
    """Rows as a box before secret stripping wrote them, between ordinary rows."""
    audit.record(ACTOR, "customer", 1, "create", None, {"display_name": "山田 太郎"})
    with monkeypatch.context() as old:
        old.setattr(audit, "SECRET_FIELDS", frozenset())  # what older versions did
        audit.record(
            ACTOR,
            "user",
            7,
            "update",
            {"username": "hanako", "display_name": "佐藤 花子", "password_hash": "x"},
            {"username": "hanako", "display_name": "佐藤 花子", "password_hash": hashed},
        )
        audit.record(
            ACTOR,
            "recording",
            3,
            "create",
            None,
            {"line": "1", "file_key": "ab" * 32, "duration_s": 41.5},
        )
    audit.record(
        ACTOR,
        "note",
        2,
        "create",
        None,
        {"body": 'メモ: "password_hash" という言葉だけ', "customer": 1},
    )
    audit.record(ACTOR, "customer", 2, "create", None, {"display_name": "Emily Carter"})


def test_old_secret_rows_are_stripped_and_the_chain_still_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = hash_password("shinjuku-gyoen-7")
    store = Store.open(tmp_path / "box.db", bytes(range(32)), create=True)
    try:
        run = store.executor.call
        run(_old_box_log, monkeypatch, hashed)
        assert run(verify_audit_chain).ok
        before = run(_rows)
        assert sum(holds_secret(b) or holds_secret(a) for _, b, a, *_ in before) == 2
        # the database as an older Ringdesk left it: migration 0005 not yet applied
        run(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 5")
        assert run(migrate, store.db)[0] == 5  # and the later steps again
        assert run(current_version, store.db) == discover()[-1].version
        after = run(_rows)
        verdict = run(verify_audit_chain)
    finally:
        store.close()

    assert verdict.ok, verdict
    assert not any(holds_secret(b) or holds_secret(a) for _, b, a, *_ in after)
    raw = (tmp_path / "box.db").read_bytes()  # (encrypted anyway; the texts are checked above)
    assert hashed.encode() not in raw
    old = {r[0]: r for r in before}
    changed = {r[0] for r in after if r[0] in old and r != old[r[0]]}
    assert changed == {2, 3}  # the user and the recording rows; the note merely names the field
    for audit_id in changed:
        new = next(r for r in after if r[0] == audit_id)
        assert new[3:6] == old[audit_id][3:6]  # digest, prev_hash and hash as they were
        assert new[6] is not None  # redacted_at
    user_row = next(r for r in after if r[0] == 2)
    assert json.loads(user_row[2] or "{}") == {"username": "hanako", "display_name": "佐藤 花子"}
    rec_row = next(r for r in after if r[0] == 3)
    assert json.loads(rec_row[2] or "{}") == {"line": "1", "duration_s": 41.5}
    redact = after[-1]
    assert len(after) == len(before) + 1 and redact[0] == len(before) + 1
    body = json.loads(redact[2] or "{}")
    assert body["ids"] == [2, 3] and set(body["kept"]) == {"2", "3"}


def test_a_stripped_row_changed_afterwards_breaks_the_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "box.db", bytes(range(32)), create=True)
    try:
        run = store.executor.call
        run(_old_box_log, monkeypatch, hash_password("shinjuku-gyoen-7"))
        run(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 5")
        run(migrate, store.db)
        assert run(verify_audit_chain).ok
        forged = json.dumps({"username": "hanako", "display_name": "別人"}, ensure_ascii=False)
        run(store.db.execute_sql, 'UPDATE "audit_log" SET after = ? WHERE id = 2', (forged,))
        verdict = run(verify_audit_chain)
    finally:
        store.close()
    assert not verdict.ok and verdict.bad_id == 2


def test_a_log_without_secrets_is_left_alone(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "box.db", bytes(range(32)), create=True)
    try:
        run = store.executor.call
        run(audit.record, ACTOR, "customer", 1, "create", None, {"display_name": "鈴木 一郎"})
        before = run(_rows)
        run(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 5")
        assert run(migrate, store.db)[0] == 5
        assert run(_rows) == before
    finally:
        store.close()
