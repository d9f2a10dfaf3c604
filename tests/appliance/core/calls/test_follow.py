"""A number that gets a customer takes its earlier calls and callbacks with it."""

from __future__ import annotations

from datetime import datetime, timedelta

from faker import Faker

from appliance.contract.pop import PopOut
from appliance.core import contacts
from appliance.core.actor import Actor
from appliance.core.calls.db_store import DbCallStore
from appliance.core.calls.machine import LineRules
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallUpdate
from appliance.core.customers import create_customer
from appliance.core.usecases import tasks as task_cases
from appliance.db.models import Call
from appliance.db.store import Store
from drivers.base import CallerId, Ring, RingingStopped

T0 = datetime(2026, 12, 7, 11, 0, 0)
DESK = Actor(None, None, "受付")
fake = Faker("ja_JP")
Faker.seed(4)


class Quiet:
    def pop(self, pop: PopOut) -> None:
        pass

    async def update(self, update: CallUpdate) -> None:
        pass


async def _missed_twice(store: Store, number: str) -> None:
    db = DbCallStore(DbCallRecords("JP"), store.executor)
    router = CallRouter(lambda: db, Quiet())
    router.add_line("line1", 7.0, LineRules())
    for i in range(2):
        start = T0 + timedelta(minutes=30 * i)
        await router.handle(CallerId("line1", number=number, at=start))
        await router.handle(Ring("line1", at=start + timedelta(seconds=1)))
        await router.handle(RingingStopped("line1", rings=5, at=start + timedelta(seconds=20)))


def _customers_of_calls() -> list[int | None]:
    return [c.customer_id for c in Call.select().order_by(Call.id)]


async def test_a_new_card_with_the_number_names_its_earlier_calls_and_callback(
    store: Store, people: dict[str, int]
) -> None:
    await _missed_twice(store, "080-3333-4444")
    name = fake.name()

    def new_card() -> int:
        return int(create_customer(DESK, name, phones=["08033334444"]).id)

    customer_id = await store.executor.run(new_card)
    assert await store.executor.run(_customers_of_calls) == [customer_id, customer_id]
    [callback] = await store.executor.run(task_cases.find, None, True, "callback", 10)
    assert (callback.customer_id, callback.customer_name) == (customer_id, name)
    assert callback.missed_count == 2


async def test_a_number_added_to_a_card_brings_its_calls_but_a_shared_number_does_not(
    store: Store, people: dict[str, int]
) -> None:
    await _missed_twice(store, "0451234567")
    run = store.executor.run
    await run(contacts.add_phone, DESK, people["smith"], "045-123-4567")
    assert await run(_customers_of_calls) == [people["smith"]] * 2
    await _missed_twice(store, "0120987654")

    def two_owners() -> None:
        contacts.add_phone(DESK, people["suzuki_a"], "0120-987-654")
        contacts.add_phone(DESK, people["suzuki_b"], "0120-987-654")

    await run(two_owners)
    # the second owner makes it a shared number: its calls stay for the desk to choose
    assert (await run(_customers_of_calls))[2:] == [people["suzuki_a"]] * 2
