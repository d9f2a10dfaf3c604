"""Caller lookup: every form a line sends finds the customer; a shared number finds them all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.importing.mapping import guess_mapping
from appliance.core.importing.reading import Sheet
from appliance.core.importing.run import import_sheet
from appliance.core.lookup import callers_by_keys, lookup_by_number
from appliance.core.normalize import phone_lookup_keys
from appliance.db.models import Customer, Phone, utcnow
from appliance.db.store import Store

HEADERS = ["氏名", "電話番号", "携帯電話"]
ROWS = [
    ["山田 太郎", "03-1234-5678", "090-1111-2222"],
    ["山田 花子", "03-1234-5678", ""],  # same household line
    ["John Smith", "+1 201 555 0123", ""],
    ["内線 受付", "201", ""],
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    sheet = Sheet(HEADERS, [(n, row) for n, row in enumerate(ROWS, start=2)])
    report = s.executor.call(import_sheet, sheet, mapping=guess_mapping(HEADERS))
    assert len(report.imported_ids) == 4
    yield s
    s.close()


def names(store: Store, number: str, region: str = "JP") -> list[str]:
    found = store.executor.call(lookup_by_number, number, region)
    return [c.display_name for c in found]


@pytest.mark.parametrize(
    "number",
    [
        "0312345678",
        "312345678",
        "+81312345678",
        "0081312345678",
        "01081312345678",
        "03-1234-5678",
        "０３１２３４５６７８",
    ],
)
def test_a_shared_number_in_every_form_returns_every_customer(store: Store, number: str) -> None:
    assert names(store, number) == ["山田 太郎", "山田 花子"]


def test_any_of_a_customers_numbers_finds_them(store: Store) -> None:
    assert names(store, "09011112222") == ["山田 太郎"]
    assert names(store, "+819011112222") == ["山田 太郎"]


def test_foreign_numbers_match_by_e164_only(store: Store) -> None:
    assert names(store, "0012015550123") == ["John Smith"]
    assert names(store, "(201) 555-0123", region="US") == ["John Smith"]
    # The same digits dialled as a Japanese national number are somebody else's.
    assert names(store, "02015550123") == []


def test_bare_digits_match_bare_digits(store: Store) -> None:
    assert names(store, "201") == ["内線 受付"]


def test_unknown_garbage_and_deleted(store: Store) -> None:
    assert names(store, "0399999999") == []
    assert names(store, "anonymous") == []
    assert names(store, "") == []

    def delete_hanako() -> None:
        Customer.update(deleted_at=utcnow()).where(Customer.display_name == "山田 花子").execute()
        Phone.update(deleted_at=utcnow()).where(Phone.national == "09011112222").execute()

    store.executor.call(delete_hanako)
    assert names(store, "0312345678") == ["山田 太郎"]
    assert names(store, "09011112222") == []


@pytest.mark.parametrize("number", ["03-1234-5678", "+81312345678", "+1 201 555 0123", "201"])
def test_the_call_paths_plain_rows_find_what_lookup_by_number_finds(
    store: Store, number: str
) -> None:
    def both() -> tuple[list[tuple[int, str, bool]], list[tuple[int, str, bool]]]:
        models = lookup_by_number(number, "JP")
        rows = callers_by_keys(phone_lookup_keys(number, "JP"))
        return (
            [(int(c.id), str(c.display_name), bool(c.blocked)) for c in models],
            [(c.id, c.display_name, c.blocked) for c in rows],
        )

    models, rows = store.executor.call(both)
    assert models and rows == models
