"""Property: any sequence of edits leaves a valid chain; changing any one row breaks it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.core import customers, notes
from appliance.core.actor import Actor
from appliance.core.audit import verify_audit_chain
from appliance.db.models import AuditLog
from appliance.db.store import Store

names = st.text(
    alphabet=st.sampled_from("山田太郎花子やまだタロウｶﾅAbc 　-・"), min_size=1, max_size=12
).filter(lambda s: s.strip(" 　"))
ops = st.lists(
    st.tuples(st.sampled_from(["create", "rename", "note", "delete"]), names),
    min_size=1,
    max_size=8,
)


@settings(max_examples=15, deadline=None)
@given(ops=ops, victim=st.integers(min_value=0), field=st.sampled_from(["after", "actor_name"]))
def test_chain_holds_and_any_tamper_is_caught(
    ops: list[tuple[str, str]], victim: int, field: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "box.db", os.urandom(32), create=True)
        try:
            actor = Actor(None, None, "テスト")
            live: list[tuple[int, int]] = []  # (id, version)
            for op, text in ops:
                if op == "create" or not live:
                    c = customers.create_customer(actor, text)
                    live.append((c.id, c.version))
                elif op == "rename":
                    cid, ver = live.pop()
                    c = customers.update_customer(actor, cid, ver, display_name=text + "様")
                    live.append((cid, c.version))
                elif op == "note":
                    notes.add_note(actor, live[-1][0], text)
                else:
                    cid, ver = live.pop()
                    customers.delete_customer(actor, cid, ver)
            assert verify_audit_chain().ok
            rows = list(AuditLog.select().order_by(AuditLog.id))
            row = rows[victim % len(rows)]
            AuditLog.update({field: (getattr(row, field) or "") + "x"}).where(
                AuditLog.id == row.id
            ).execute()
            verdict = verify_audit_chain()
            assert not verdict.ok and verdict.bad_id == row.id
        finally:
            store.close()
