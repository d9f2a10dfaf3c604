"""Undo without a restore: a deleted customer, note and order come back through the use
cases, with their audit before-images, after the box is closed and opened again."""

from __future__ import annotations

import json
import os
from pathlib import Path

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.audit import history, verify_audit_chain
from appliance.core.customers import create_customer, delete_customer, restore_customer
from appliance.core.notes import add_note, delete_note, notes_of, restore_note
from appliance.core.orders import Line, place_order, recent_orders
from appliance.db.models import Customer, Order
from appliance.db.store import Store


def test_deleted_rows_come_back_after_a_restart(tmp_path: Path) -> None:
    path, key = tmp_path / "ringdesk.db", os.urandom(32)
    clerk = Actor(user_id=None, desk_id=None, name="佐藤")
    store = Store.open(path, key, create=True)

    def make() -> tuple[int, int, int]:
        c = create_customer(clerk, "高橋 美咲", phones=["06-6123-4567"], reading="タカハシ ミサキ")
        n = add_note(clerk, int(c.id), "毎週金曜に特上寿司 3 人前")
        o = place_order(clerk, int(c.id), [Line(qty=3, description="特上寿司", unit_price=3200)])
        return int(c.id), int(n.id), int(o.id)

    cid, nid, oid = store.executor.call(make)

    def wrong_deletes() -> None:  # the wrong customer, on a busy evening
        order = editing.get_row(Order, oid)
        editing.soft_delete(clerk, Order, oid, order.version)
        note = notes_of(cid)[0]
        delete_note(clerk, nid, note.version)
        delete_customer(clerk, cid, editing.get_row(Customer, cid).version)

    store.executor.call(wrong_deletes)
    assert store.executor.call(lambda: Customer.live().where(Customer.id == cid).count()) == 0
    store.close()  # the box restarts

    store = Store.open(path, key)
    manager = Actor(user_id=None, desk_id=None, name="店長")

    def undo() -> tuple[str, list[str], list[int]]:
        before = json.loads(history("customer", cid)[-1].before or "{}")
        restore_customer(manager, cid)
        restore_note(manager, nid)
        editing.restore(manager, Order, oid)
        return (
            str(before.get("display_name")),
            [n.body for n in notes_of(cid)],
            [int(o.total) for o in recent_orders(cid)],
        )

    before_name, notes, totals = store.executor.call(undo)
    assert before_name == "高橋 美咲"  # the delete's before-image names what was removed
    assert notes == ["毎週金曜に特上寿司 3 人前"] and totals == [9600]
    assert store.executor.call(lambda: editing.get_row(Customer, cid).display_name) == "高橋 美咲"
    assert store.executor.call(verify_audit_chain).ok
    actions = store.executor.call(lambda: [r.action for r in history("customer", cid)])
    assert actions[-2:] == ["delete", "restore"]
    store.close()
