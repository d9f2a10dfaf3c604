"""Seeded data looks real, is consistent with the input rules, and is found by lookup/search."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.lookup import lookup_by_number
from appliance.core.normalize import parse_phone
from appliance.core.search import search
from appliance.core.seeding import SeedCounts, seed
from appliance.db.models import Call, Customer, Phone
from appliance.db.store import Store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, SeedCounts]]:
    path = tmp_path_factory.mktemp("seed") / "box.db"
    store = Store.open(path, os.urandom(32), create=True)
    counts = store.executor.call(seed, 300, 3000, seed=5)
    yield store, counts
    store.close()


def test_counts_and_mix_of_japanese_and_western(seeded: tuple[Store, SeedCounts]) -> None:
    store, counts = seeded
    assert (counts.customers, counts.calls) == (300, 3000)

    def facts() -> tuple[int, int, int, int]:
        kana = Customer.select().where(Customer.reading != "").count()
        return Customer.select().count(), Call.select().count(), kana, Phone.select().count()

    customers, calls, with_reading, phones = store.executor.call(facts)
    assert (customers, calls, phones) == (300, 3000, counts.phones)
    assert 0.55 * 300 < with_reading < 0.85 * 300


def test_stored_phones_are_what_parse_phone_makes(seeded: tuple[Store, SeedCounts]) -> None:
    store, _ = seeded
    phones = store.executor.call(lambda: list(Phone.select().limit(200)))
    for p in phones:
        parsed = parse_phone(p.entered, "US" if p.region == "US" else "JP")
        assert (parsed.e164, parsed.national, parsed.region) == (p.e164, p.national, p.region)
        assert parsed.valid, p.entered


def test_seeded_customers_are_found(seeded: tuple[Store, SeedCounts]) -> None:
    store, _ = seeded
    phone = store.executor.call(lambda: Phone.select().first())
    owners = store.executor.call(lookup_by_number, phone.national)
    assert phone.customer_id in [c.id for c in owners]
    name = store.executor.call(lambda: Customer.get_by_id(phone.customer_id).display_name)
    assert phone.customer_id in [h.customer_id for h in store.executor.call(search, name, 50)]


def test_database_file_holds_no_seeded_name_in_plain_bytes(
    seeded: tuple[Store, SeedCounts],
) -> None:
    store, _ = seeded
    names = store.executor.call(lambda: [c.display_name for c in Customer.select().limit(20)])
    store.executor.call(lambda: store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)"))
    raw = Path(store.db.database).read_bytes()
    assert raw and not any(n.encode() in raw for n in names)
