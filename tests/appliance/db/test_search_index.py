"""The search index answers substring queries of any length over folded text."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playhouse.sqlcipher_ext import SqlCipherDatabase

from appliance.db import search_index as si


@pytest.fixture
def db() -> Iterator[SqlCipherDatabase]:
    database = SqlCipherDatabase(":memory:")
    for sql in si.CREATE_SQL:
        database.execute_sql(sql)
    with database.atomic():
        si.write_docs(
            database,
            [
                si.SearchDoc(
                    1,
                    ["山田 太郎", "ヤマダ タロウ", "山田商店"],
                    ["03-1234-5678", "0312345678", "東京都千代田区神田1-2-3", "いつもの大盛り"],
                ),
                si.SearchDoc(2, ["田中 花子", "たなか はなこ"], ["大阪府大阪市北区", "0667891234"]),
                si.SearchDoc(
                    3, ["John Smith", "Acme Corp."], ["+12015550123", "2015550123", "New York"]
                ),
            ],
        )
    yield database
    database.close()


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("田", [1, 2]),
        ("あ", []),
        ("た", [1, 2]),
        ("7", [1, 2]),
        ("盛", [1]),
        ("大阪", [2]),
        ("ﾔﾏﾀﾞ", [1]),
        ("ハナコ", [2]),
        ("ＪＯＨＮ", [3]),
        ("smith", [3]),
        ("acme", [3]),
        ("03-12", [1]),
        ("０３１２", [1]),
        ("5550123", [3]),
        ("山田 太郎", [1]),
        ("田 花子", [2]),
        ("神田1-2-3", [1]),
        ("いつもの", [1]),
        ("zz", []),
    ],
)
def test_substring_queries_of_every_length(
    db: SqlCipherDatabase, query: str, ids: list[int]
) -> None:
    assert si.query_ids(db, query, 10) == ids


def test_names_only_skips_matches_in_phones_and_addresses(db: SqlCipherDatabase) -> None:
    assert si.query_ids(db, "7", 10, names_only=True) == []
    assert si.query_ids(db, "大", 10, names_only=True) == []
    assert si.query_ids(db, "大", 10) == [1, 2]


@pytest.mark.parametrize(
    ("query", "ids"),
    [('"', []), ('a"b', []), ("OR", [3]), ("*", []), ("{names}", []), ("NEAR(", []), ("-", [1])],
)
def test_fts_syntax_in_a_query_is_plain_text(
    db: SqlCipherDatabase, query: str, ids: list[int]
) -> None:
    assert si.query_ids(db, query, 10) == ids


def test_rewrite_and_remove_keep_the_index_current(db: SqlCipherDatabase) -> None:
    si.write_docs(db, [si.SearchDoc(1, ["佐藤 一郎"], [])])
    assert si.query_ids(db, "山田", 10) == []
    assert si.query_ids(db, "佐", 10) == [1]
    si.remove_docs(db, [1])
    assert si.query_ids(db, "佐", 10) == []
    assert si.query_ids(db, "田", 10) == [2]


def test_limit_and_exclude(db: SqlCipherDatabase) -> None:
    assert si.query_ids(db, "田", 1) == [1]
    assert si.query_ids(db, "田", 10, exclude=[1]) == [2]
    assert si.query_ids(db, "田", 0) == []


def test_gram_tokens_cover_every_one_and_two_character_substring() -> None:
    assert set(si.gram_tokens("あい う").split()) == {"u3042", "u3044", "u3042u3044", "u3046"}


def _naive_grams(text: str) -> set[str]:
    """Every 1- and 2-character substring of each word, spelled as tokens one by one."""
    grams: set[str] = set()
    for word in text.split(" "):
        grams.update(f"u{ord(ch):x}" for ch in word)
        grams.update(f"u{ord(a):x}u{ord(b):x}" for a, b in pairwise(word))
    return grams


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "田中  花子",
        "とうきょうと しんじゅくく 2-8-1",
        "john smith / 0312345678",
        "ああああ",
        "x",
    ],
)
def test_gram_tokens_are_distinct_and_match_the_substrings(text: str) -> None:
    tokens = si.gram_tokens(text).split()
    assert len(tokens) == len(set(tokens))
    assert set(tokens) == _naive_grams(text)


@given(st.text(alphabet=st.sampled_from("田中あ a1/\t-ー")))
def test_gram_tokens_of_any_text_match_the_substrings(text: str) -> None:
    tokens = si.gram_tokens(text).split(" ")
    assert len(tokens) == len(set(tokens)) and (tokens == [""] or "" not in tokens)
    assert set(tokens) - {""} == _naive_grams(text)


def test_a_bulk_write_is_searchable_and_restores_the_fts5_hash_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(si, "_BULK_DOCS", 2)
    database = SqlCipherDatabase(":memory:")
    for sql in si.CREATE_SQL:
        database.execute_sql(sql)
    docs = [
        si.SearchDoc(1, ["鈴木 一郎", "すずき いちろう"], ["090-2345-6789", "神奈川県横浜市中区"]),
        si.SearchDoc(2, ["Mary Brown"], ["+442079460958", "London"]),
        si.SearchDoc(3, ["高橋 美咲", "たかはし みさき"], ["北海道札幌市中央区"]),
    ]
    with database.atomic():
        assert si.write_docs(database, docs, replace=False) == 3
    for table in ("search_tri", "search_gram"):
        size = database.execute_sql(f"SELECT v FROM {table}_config WHERE k = 'hashsize'")
        assert size.fetchone()[0] == si._DEFAULT_HASHSIZE
    assert si.query_ids(database, "鈴", 10) == [1]
    assert si.query_ids(database, "札幌市", 10) == [3]
    assert si.query_ids(database, "brown", 10) == [2]
    database.close()
