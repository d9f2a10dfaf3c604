"""The replica's offline search (real SQLCipher files): folded as the box folds, kept in step as
rows apply (deletes, renames, moved phones), built once on opening an older replica, and cards
whose notes are only their customer's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from backups import sqlfile
from tests.appliance.contract.typed_names import ODD, people, typed_forms
from tui.replica import search
from tui.replica.store import SCHEMA_VERSION, Replica

KEY = os.urandom(32)


def _customer(cid: int, name: str, reading: str = "", **more: Any) -> dict[str, Any]:
    data = {
        "id": cid,
        "display_name": name,
        "reading": reading,
        "company": "",
        "deleted_at": None,
        **more,
    }
    return {"table": "customer", "id": cid, "data": data}


def _phone(pid: int, cid: int, entered: str, **more: Any) -> dict[str, Any]:
    national = "".join(ch for ch in entered if ch.isdigit())
    data = {
        "id": pid,
        "customer": cid,
        "entered": entered,
        "national": national,
        "e164": "+81" + national[1:],
        "deleted_at": None,
        **more,
    }
    return {"table": "phone", "id": pid, "data": data}


def _note(nid: int, cid: int, body: str, **more: Any) -> dict[str, Any]:
    data = {"id": nid, "customer": cid, "body": body, "deleted_at": None, **more}
    return {"table": "note", "id": nid, "data": data}


ROWS = [
    _customer(1, "山田 太郎", "ヤマダ タロウ", company="山田酒店"),
    _customer(2, "Emily Carter", company="Harbour Trading"),
    _customer(3, "佐藤 花子", "さとう はなこ"),
    _customer(4, "鈴木 一郎", "スズキ イチロウ", deleted_at="2026-11-30T09:00:00"),
    _phone(10, 1, "03-3555-0101"),
    _phone(11, 2, "090-1234-5678"),
    _phone(12, 3, "06-6123-4567"),
    _phone(13, 4, "045-222-3333"),
    {
        "table": "email",
        "id": 20,
        "data": {"id": 20, "customer": 2, "address": "Emily.Carter@example.com"},
    },
]


@pytest.fixture
def replica(tmp_path: Path) -> Any:
    r = Replica(tmp_path / "replica.db", KEY)
    r.load_page(ROWS, 1)
    r.finish_copy(1)
    yield r
    r.close()


def _ids(replica: Replica, query: str) -> list[int]:
    return [int(c["id"]) for c in replica.customers(query)]


def _page(seq: int, rows: list[dict[str, Any]], sets: list[Any] | None = None) -> dict[str, Any]:
    return {"last_seq": seq, "rows": rows, "sets": sets or []}


def test_queries_fold_as_the_box_does(replica: Replica) -> None:
    assert _ids(replica, "やまだ") == [1]  # hiragana finds the katakana reading
    assert _ids(replica, "ﾔﾏﾀﾞ") == [1]  # half-width kana
    assert _ids(replica, "サトウ") == [3]  # katakana finds a hiragana reading
    assert _ids(replica, "田") == [1]  # one kanji
    assert _ids(replica, "山田 たろう") == [1]  # every term, anywhere
    assert _ids(replica, "山田 はなこ") == []
    assert _ids(replica, "０３３５５５") == [1]  # full-width digits
    assert _ids(replica, "03-3555-0101") == [1] and _ids(replica, "0335550101") == [1]
    assert _ids(replica, "090ー1234") == [2]  # the IME's ー typed for a hyphen
    assert _ids(replica, "１２３４－５６７８") == [2]
    assert _ids(replica, "EMILY") == [2] and _ids(replica, "ｅｍｉｌｙ") == [2]
    assert _ids(replica, "harbour") == [2] and _ids(replica, "酒店") == [1]  # companies
    assert _ids(replica, "carter@example") == [2]  # email
    assert _ids(replica, "") == [1, 2, 3]  # live customers, by id
    assert _ids(replica, "スズキ") == [] and _ids(replica, "0452223333") == []  # deleted
    assert [c["id"] for c in replica.customers("", limit=2)] == [1, 2]


def test_deletes_renames_and_moved_phones_keep_the_search_in_step(replica: Replica) -> None:
    replica.apply(_page(2, [_customer(1, "山田 次郎", "ヤマダ ジロウ")]))  # renamed
    assert _ids(replica, "次郎") == [1] and _ids(replica, "太郎") == []
    assert _ids(replica, "やまだ じろう") == [1] and _ids(replica, "たろう") == []
    assert _ids(replica, "03-3555") == [1]  # its phones stay in its text
    replica.apply(_page(3, [_phone(11, 2, "090-1234-5678", deleted_at="2026-12-01T10:00:00")]))
    assert _ids(replica, "09012345678") == [] and _ids(replica, "emily") == [2]
    replica.apply(_page(4, [], [{"table": "phone", "owner": 3, "ids": []}]))  # set emptied
    assert _ids(replica, "0661234567") == [] and _ids(replica, "はなこ") == [3]
    replica.apply(_page(5, [_phone(10, 3, "03-3555-0101")]))  # moved to another customer
    assert _ids(replica, "0335550101") == [3]
    replica.apply(_page(6, [{"table": "phone", "id": 10, "data": None}]))  # gone on the box
    assert _ids(replica, "0335550101") == []
    replica.apply(_page(7, [_customer(2, "Emily Carter", deleted_at="2026-12-01T11:00:00")]))
    replica.apply(_page(8, [{"table": "customer", "id": 3, "data": None}]))
    assert _ids(replica, "") == [1]
    replica.apply(_page(8, [_customer(3, "佐藤 花子")]))  # an old page changes nothing
    assert _ids(replica, "佐藤") == []


def test_a_phone_page_before_its_customer_is_found_once_the_customer_is_in(
    tmp_path: Path,
) -> None:
    replica = Replica(tmp_path / "replica.db", KEY)
    try:
        replica.load_page([_phone(30, 9, "011-222-3344")], 1)
        replica.load_page([_customer(9, "佐々木 蓮", "ササキ レン")], 1)
        replica.finish_copy(1)
        assert _ids(replica, "011-222") == [9] and _ids(replica, "ささき") == [9]
        replica.apply(_page(2, [_phone(31, 8, "022-333-4455")]))  # the same in the stream
        replica.apply(_page(3, [_customer(8, "伊藤 美咲", "イトウ ミサキ")]))
        assert _ids(replica, "0223334455") == [8]
        replica.clear()  # a broken-off copy starts again: nothing left to find
        assert _ids(replica, "") == [] and _ids(replica, "ささき") == []
        assert replica.meta("schema") == SCHEMA_VERSION
    finally:
        replica.close()


def _make_old(path: Path) -> None:
    """A replica as the first desks wrote it: no search table, no schema, notes without owner."""
    conn = sqlfile.connect(path, KEY)
    try:
        conn.execute("DROP TABLE search")
        conn.execute("DELETE FROM meta WHERE key = 'schema'")
        conn.execute("UPDATE rows SET owner = NULL WHERE tbl = 'note'")
        conn.commit()
    finally:
        conn.close()


def test_an_old_replica_is_upgraded_on_open_and_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    replica = Replica(path, KEY)
    replica.load_page([*ROWS, _note(1, 1, "いつもの大盛り"), _note(2, 2, "Call back Friday")], 1)
    replica.finish_copy(1)
    want = {q: replica.customers(q) for q in ("", "やまだ", "0901234", "harbour", "ﾊﾅｺ")}
    replica.close()
    _make_old(path)
    upgraded = Replica(path, KEY)
    try:
        assert upgraded.meta("schema") == SCHEMA_VERSION and upgraded.complete
        assert {q: upgraded.customers(q) for q in want} == want
        card = upgraded.card(1)
        assert card is not None and [n["body"] for n in card["notes"]] == ["いつもの大盛り"]
    finally:
        upgraded.close()
    conn = sqlfile.connect(path, KEY)
    try:
        assert conn.execute("SELECT count(*) FROM search").fetchone()[0] == 3
    finally:
        conn.close()


def test_card_notes_are_that_customers_own_newest_first(replica: Replica) -> None:
    notes = [_note(i, 1 + i % 2, f"折り返し希望 その{i}") for i in range(1, 50)]  # even: 1
    replica.apply(
        _page(
            2,
            [
                *notes,
                _note(49, 2, "削除済み", deleted_at="2026-12-01T10:00:00"),
                _phone(14, 1, "03-3555-0199", deleted_at="2026-12-01T10:00:00"),
            ],
        )
    )
    card = replica.card(1)
    assert card is not None
    assert {n["customer"] for n in card["notes"]} == {1}
    assert [n["id"] for n in card["notes"]] == list(range(48, 8, -2))
    assert [p["id"] for p in card["phones"]] == [10]  # the deleted phone is not shown
    other = replica.card(2)
    assert other is not None and "削除済み" not in {n["body"] for n in other["notes"]}
    assert [n["id"] for n in other["notes"]][:2] == [47, 45]
    assert replica.card(4) is None and replica.card(99) is None


def test_names_typed_without_spaces_find_the_customer(tmp_path: Path) -> None:
    everyone = people(12, seed=20261207) + ODD
    replica = Replica(tmp_path / "replica.db", KEY)
    try:
        replica.load_page([_customer(i, n, r) for i, (n, r) in enumerate(everyone, 1)], 1)
        replica.finish_copy(1)
        for cid, (name, reading) in enumerate(everyone, 1):
            for query in typed_forms(name, reading):
                assert cid in _ids(replica, query), query
        assert _ids(replica, "ﾏﾘｱﾙｲｻﾀﾅｶ") == _ids(replica, "マリアルイサ田中") == [len(everyone)]
    finally:
        replica.close()


def test_a_version_3_replica_rebuilds_its_search_to_find_joined_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.db"
    with monkeypatch.context() as old:  # what a desk before version 4 indexed
        old.setattr(search, "name_texts", lambda *names: list(names))
        replica = Replica(path, KEY)
        replica.load_page(ROWS, 1)
        replica.finish_copy(1)
        assert _ids(replica, "山田太郎") == [] and _ids(replica, "やまだ たろう") == [1]
        replica.close()
    conn = sqlfile.connect(path, KEY)
    try:
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema'")
        conn.commit()
    finally:
        conn.close()
    upgraded = Replica(path, KEY)
    try:
        assert upgraded.meta("schema") == SCHEMA_VERSION and upgraded.complete
        assert _ids(upgraded, "山田太郎") == _ids(upgraded, "ﾔﾏﾀﾞﾀﾛｳ") == [1]
        assert _ids(upgraded, "さとうはなこ") == [3]
    finally:
        upgraded.close()
