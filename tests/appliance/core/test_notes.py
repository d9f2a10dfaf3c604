"""Notes: time spent, pinning order, stale edit, delete and undo, searchable text."""

from __future__ import annotations

import pytest
from faker import Faker

from appliance.core import customers, notes
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput, StaleEdit
from appliance.core.search import search
from appliance.db.store import Store

fake = Faker("ja_JP")


def test_notes_pinned_first_with_time_spent(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    a = notes.add_note(actor, c.id, "注文: 天ぷらそば ×2", time_spent_s=95)
    b = notes.add_note(actor, c.id, "辛いものが苦手", pinned=True)
    notes.add_note(actor, c.id, "領収書は山田商店宛て", time_spent_s=30)
    listed = notes.notes_of(c.id)
    assert listed[0].id == b.id
    assert listed[0].author_name == actor.name
    assert notes.time_spent_total(c.id) == 125
    edited = notes.edit_note(actor, a.id, 1, add_time_s=20)
    assert edited.time_spent_s == 115
    pinned = notes.pin_note(actor, a.id, 2)
    assert pinned.pinned and pinned.version == 3


def test_note_stale_edit_and_undo(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    n = notes.add_note(actor, c.id, "最初のメモ")
    notes.edit_note(actor, n.id, 1, body="他の人の編集")
    with pytest.raises(StaleEdit) as err:
        notes.edit_note(actor, n.id, 1, body="私の編集")
    assert err.value.current["body"] == "他の人の編集"
    notes.delete_note(actor, n.id, 2)
    assert notes.notes_of(c.id) == []
    notes.restore_note(actor, n.id)
    assert [x.body for x in notes.notes_of(c.id)] == ["他の人の編集"]


def test_note_text_is_searchable(store: Store, actor: Actor) -> None:
    c = customers.create_customer(actor, fake.name())
    n = notes.add_note(actor, c.id, "裏口から配達")
    assert [h.customer_id for h in search("裏口", 5)] == [c.id]
    notes.delete_note(actor, n.id, 1)
    assert search("裏口", 5) == []


@pytest.mark.parametrize(("body", "spent"), [("", 0), ("  \n ", 0), ("ok", -1), ("ok", 10**6)])
def test_bad_notes_refused(store: Store, actor: Actor, body: str, spent: int) -> None:
    c = customers.create_customer(actor, fake.name())
    with pytest.raises(InvalidInput):
        notes.add_note(actor, c.id, body, time_spent_s=spent)
