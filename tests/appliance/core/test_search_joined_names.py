"""Full names typed without the space the card shows (山田太郎, ヤマダタロウ, やまだたろう,
ﾔﾏﾀﾞﾀﾛｳ) find the customer on the box, as typed with it does; an older box's index is rebuilt
by migration 0006 so its customers are found the same way."""

from __future__ import annotations

import pytest

from appliance.contract.search_keys import fold
from appliance.core import customers
from appliance.core.actor import Actor
from appliance.core.search import search
from appliance.db import search_index
from appliance.db.migrations import migrate
from appliance.db.models import Customer
from appliance.db.models.base import database_proxy
from appliance.db.search_index import SearchDoc
from appliance.db.store import Store
from tests.appliance.contract.typed_names import ODD, people, typed_forms

PEOPLE = people(12, seed=20261207)


def _create(who: list[tuple[str, str]]) -> dict[str, int]:
    actor = Actor(None, None, "受付 佐藤")
    return {
        name: customers.create_customer(actor, name, reading=reading).id for name, reading in who
    }


def _ids(store: Store, query: str) -> set[int]:
    return {hit.customer_id for hit in store.executor.call(search, query, 50)}


def test_names_typed_without_spaces_find_the_customer(store: Store) -> None:
    everyone = PEOPLE + ODD
    ids = store.executor.call(_create, everyone)
    joined = {ids[n]: (fold("".join(n.split())), fold("".join(r.split()))) for n, r in everyone}
    for name, reading in everyone:
        for query in typed_forms(name, reading):
            found = _ids(store, query)
            assert ids[name] in found, query
            if " " not in fold(query):  # exactly those whose joined name or reading holds it
                key = fold(query)
                want = {cid for cid, forms in joined.items() if any(key in f for f in forms)}
                assert found == want, query


def test_a_joined_name_does_not_find_its_parts_elsewhere(store: Store) -> None:
    ids = store.executor.call(
        _create,
        [
            ("山田 太郎", "ヤマダ タロウ"),
            ("山田 花子", "ヤマダ ハナコ"),
            ("田中 太郎", "タナカ タロウ"),
        ],
    )
    for query in (
        "山田太郎",
        "ヤマダタロウ",
        "やまだたろう",
        "ﾔﾏﾀﾞﾀﾛｳ",
        "山田 太郎",
        "やまだ たろう",
    ):
        assert _ids(store, query) == {ids["山田 太郎"]}, query
    assert _ids(store, "田太") == {ids["山田 太郎"]}  # two characters across the space
    assert _ids(store, "山田") == {ids["山田 太郎"], ids["山田 花子"]}


def _old_index() -> None:
    """The index as a box before 0006 wrote it: names only as typed on the card."""
    db = database_proxy.obj
    rows = Customer.select(
        Customer.id, Customer.display_name, Customer.reading, Customer.company
    ).tuples()
    with db.atomic():
        search_index.clear(db)
        search_index.write_docs(
            db, [SearchDoc(cid, [n, r, c], []) for cid, n, r, c in rows], replace=False
        )


@pytest.mark.parametrize("query", ["山田太郎", "ヤマダタロウ", "やまだたろう"])
def test_migration_0006_rebuilds_an_older_boxs_index(store: Store, query: str) -> None:
    ids = store.executor.call(_create, [("山田 太郎", "ヤマダ タロウ")])
    store.executor.call(_old_index)
    assert _ids(store, query) == set()  # what the shop saw
    store.executor.call(store.db.execute_sql, "DELETE FROM schema_version WHERE version >= 6")
    assert store.executor.call(migrate, store.db)[0] == 6  # and any later ones again
    assert _ids(store, query) == {ids["山田 太郎"]}


def test_a_query_with_control_characters_finds_as_without_them(store: Store) -> None:
    ids = store.executor.call(_create, [("山田 太郎", "ヤマダ タロウ")])
    for query in ("山田\x00太郎", "\x00", "やまだ\x00", "\x00'\"", "山\x85田"):
        assert _ids(store, query) <= {ids["山田 太郎"]}
    assert _ids(store, "山田\x00太郎") == {ids["山田 太郎"]}
