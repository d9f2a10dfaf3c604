"""Search as you type over real stored customers, including 1-character Japanese queries."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.importing.mapping import guess_mapping
from appliance.core.importing.reading import Sheet
from appliance.core.importing.run import import_sheet
from appliance.core.search import search
from appliance.db import search as search_db
from appliance.db.models import Customer, Note, utcnow
from appliance.db.store import Store

HEADERS = ["氏名", "フリガナ", "電話番号", "住所", "会社名", "備考", "タグ"]
ROWS = [
    [
        "山田 太郎",
        "ヤマダ タロウ",
        "03-1234-5678",
        "東京都千代田区神田1-2-3",
        "",
        "いつもの大盛り",
        "VIP",
    ],
    ["田中 花子", "タナカ ハナコ", "06-6789-1234", "大阪府大阪市北区梅田2-4-9", "", "", ""],
    ["Emily Clark", "", "+1 201 555 0123", "New York", "Acme Corp.", "Prefers email", ""],
    [
        "有限会社松田ガス",
        "マツダガス",
        "052-196-6991",
        "愛知県名古屋市中区",
        "有限会社松田ガス",
        "",
        "",
    ],
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    sheet = Sheet(HEADERS, [(n, row) for n, row in enumerate(ROWS, start=2)])
    s.executor.call(import_sheet, sheet, mapping=guess_mapping(HEADERS))
    yield s
    s.close()


def found(store: Store, query: str) -> list[str]:
    return [hit.display_name for hit in store.executor.call(search, query, 20)]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("田", ["山田 太郎", "田中 花子", "有限会社松田ガス"]),
        ("あ", []),
        ("た", ["山田 太郎", "田中 花子"]),
        ("ﾀ", ["山田 太郎", "田中 花子"]),
        ("7", ["山田 太郎", "田中 花子"]),
        ("大盛", ["山田 太郎"]),
        ("梅田", ["田中 花子"]),
        ("やまだ", ["山田 太郎"]),
        ("ﾊﾅｺ", ["田中 花子"]),
        ("ACME", ["Emily Clark"]),
        ("emily", ["Emily Clark"]),
        ("2015550123", ["Emily Clark"]),
        ("03-1234", ["山田 太郎"]),
        ("06", ["田中 花子"]),
        ("名古屋", ["有限会社松田ガス"]),
        ("vip", ["山田 太郎"]),
        ("山田 ﾀﾛｳ", ["山田 太郎"]),
        ("存在しない", []),
    ],
)
def test_search_finds_substrings_of_every_length(
    store: Store, query: str, names: list[str]
) -> None:
    assert found(store, query) == names


def test_name_matches_rank_before_other_matches(store: Store) -> None:
    hits = store.executor.call(search, "大", 20)
    # 田中 is found by her address (大阪); nobody has 大 in a name.
    assert [(h.display_name, h.in_names) for h in hits] == [
        ("山田 太郎", False),
        ("田中 花子", False),
    ]
    hits = store.executor.call(search, "田", 1)
    assert len(hits) == 1 and hits[0].in_names


def test_hits_carry_what_a_result_list_shows(store: Store) -> None:
    (hit,) = store.executor.call(search, "ハナコ", 20)
    assert (hit.reading, hit.phone, hit.company) == ("タナカ ハナコ", "0667891234", "")


def test_index_follows_edits_through_reindex_customer(store: Store) -> None:
    def edit() -> None:
        cust = Customer.get(Customer.display_name == "田中 花子")
        cust.display_name = "佐藤 花子"
        cust.save()
        Note.create(customer=cust, body="ゑびす様の件")
        search_db.reindex_customer(cust.id)
        gone = Customer.get(Customer.display_name == "山田 太郎")
        gone.deleted_at = utcnow()
        gone.save()
        search_db.reindex_customer(gone.id)

    store.executor.call(edit)
    assert found(store, "佐") == ["佐藤 花子"]
    assert found(store, "ゑ") == ["佐藤 花子"]
    # 松田 by name first; 佐藤 still lives in 梅田.
    assert found(store, "田") == ["有限会社松田ガス", "佐藤 花子"]
    assert found(store, "大盛") == []


def test_rebuild_reindexes_everything(store: Store) -> None:
    assert store.executor.call(search_db.rebuild) == 4
    assert found(store, "田") == ["山田 太郎", "田中 花子", "有限会社松田ガス"]
