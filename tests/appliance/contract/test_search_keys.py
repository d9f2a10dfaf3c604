"""Search keys, one set of rules for the box's index and a desk's replica: folding the forms
people type to one key, and a phone-like query term also found as its bare digits."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appliance.contract import search_keys
from appliance.contract.search_keys import (
    address_texts,
    fold,
    name_texts,
    phone_texts,
    query_terms,
    term_variants,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ヤマダ タロウ", "やまだ たろう"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ たろう"),
        ("やまだ　たろう", "やまだ たろう"),
        ("ＴＡＮＡＫＡ Ｉｃｈｉｒｏ", "tanaka ichiro"),
        ("  Müller\t\nGmbH  ", "müller gmbh"),
        ("STRASSE", "strasse"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("株式会社①", "株式会社1"),
        ("ｺｰﾋｰ", "こーひー"),
    ],
)
def test_fold_makes_the_forms_people_type_equal(text: str, key: str) -> None:
    assert fold(text) == key


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ヤマダ　タロウ", "やまだ たろう"),
        ("ｶﾞｯｺｳ", "がっこう"),
        ("いすゞ ヽヾ", "いすゞ ゝゞ"),
        (" Emily  CARTER ", "emily carter"),
        ("Straße", "strasse"),
        ("０９０－１２３４", "090-1234"),
        ("株式会社ＡＢＣ", "株式会社abc"),
        ("ﾃｽﾄ\tﾃｽﾄ", "てすと てすと"),
        ("トクジョウ", "とくじょう"),
    ],
)
def test_fold_gives_the_desk_and_the_box_one_key(text: str, key: str) -> None:
    assert fold(text) == key


def _fold_by_the_rules(text: str) -> str:
    """fold without its ASCII shortcut: NFKC, casefold, kana table, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(search_keys._KATA_TO_HIRA)
    return search_keys._WHITESPACE.sub(" ", text).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_ascii_text_follows_the_rules(text: str) -> None:
    assert fold(text) == _fold_by_the_rules(text)


@pytest.mark.parametrize("text", ["  A\x1cB\tc\r\n", "John  SMITH", "\x0b", "a\x85b", "Ａｂ c"])
def test_fold_shortcut_edges(text: str) -> None:
    assert fold(text) == _fold_by_the_rules(text)


def test_query_terms_are_folded_distinct_and_in_order() -> None:
    assert query_terms("  ヤマダ  やまだ ＴＡＲＯ ") == ["やまだ", "taro"]
    assert query_terms("   ") == []


@pytest.mark.parametrize(
    ("term", "variants"),
    [
        ("03-1234-5678", ["03-1234-5678", "0312345678"]),
        ("090ー1234ー5678", ["090ー1234ー5678", "09012345678"]),
        ("03(1234)5678", ["03(1234)5678", "0312345678"]),
        ("1-2-3", ["1-2-3"]),
        ("0312345678", ["0312345678"]),
        ("やまだ", ["やまだ"]),
    ],
)
def test_a_phone_like_term_is_also_its_bare_digits(term: str, variants: list[str]) -> None:
    assert term_variants(term) == variants


def test_phones_and_addresses_are_found_by_each_of_their_forms() -> None:
    assert phone_texts("+81312345678", "0312345678", "03-1234-5678") == (
        "0312345678",
        "81312345678",
        "03-1234-5678",
    )
    assert phone_texts(None, "117", "117") == ("117", "", "117")
    assert address_texts("150-0001", "東京都", "渋谷区", "神宮前1-2-3", "4F", "裏口") == (
        "150-0001",
        "1500001",
        "東京都渋谷区神宮前1-2-34F",
        "裏口",
    )


def test_names_are_also_searchable_without_their_spaces() -> None:
    assert name_texts("山田 太郎", "ヤマダ　タロウ", "") == [
        "山田 太郎",
        "ヤマダ　タロウ",
        "",
        "山田太郎",
        "ヤマダタロウ",
    ]
    assert name_texts("マリア ルイサ 田中", "", "山田酒店") == [
        "マリア ルイサ 田中",
        "",
        "山田酒店",
        "マリアルイサ田中",
    ]
    no_spaces = ("有限会社松田ガス", "マツダガス", "")
    assert name_texts(*no_spaces) == list(no_spaces)
