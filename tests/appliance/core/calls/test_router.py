"""Calls from a simulated line through the router into the database and out as pops."""

from __future__ import annotations

from appliance.contract.pop import PopOut
from appliance.core.calls.db_store import DbCallStore
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallUpdate
from appliance.db.models import Call, Task
from appliance.db.store import Store
from drivers.base import Reason
from drivers.simulated import ScriptedCall, SimulatedLine


class Published(list[PopOut | CallUpdate]):
    """A CallPublisher keeping what it is handed, in order."""

    def pop(self, pop: PopOut) -> None:
        self.append(pop)

    async def update(self, update: CallUpdate) -> None:
        self.append(update)


async def _play(store: Store, calls: list[ScriptedCall]) -> list[PopOut | CallUpdate]:
    published = Published()
    db = DbCallStore(DbCallRecords("JP"), store.executor)
    router = CallRouter(lambda: db, published, tick_s=0.01)
    line = SimulatedLine(calls=calls, pace=0.0)
    router.add_line(line.line, 0.05)
    await line.start()
    router.start()
    await router.run(line.events())
    await router.stop()
    await line.stop()
    return published


async def test_known_caller_gets_the_full_card(store: Store, people: dict[str, int]) -> None:
    out = await _play(store, [ScriptedCall("0312345678", rings=2, talk_s=0.01)])
    pops = [p for p in out if isinstance(p, PopOut)]
    assert len(pops) == 1
    pop = pops[0]
    assert pop.number_display == "03-1234-5678"
    [card] = pop.customers
    assert card.display_name == "山田 太郎" and card.vip
    assert card.address is not None and "渋谷区" in card.address
    assert card.delivery_notes == "裏口から。犬がいます"
    assert [n.body for n in card.pinned_notes] == ["辛いものが苦手"]
    assert card.last_orders[0].total == 3200 and card.last_orders[0].items == ["特上寿司×2"]
    assert card.tags == ["常連"]
    kinds = [u.kind for u in out if isinstance(u, CallUpdate)]
    assert kinds == ["ring", "ring", "answered", "ended"]

    def check() -> tuple[str, int | None, float | None]:
        call = Call.get_by_id(pop.call_id)
        return call.state, call.customer_id, call.duration_s

    state, customer_id, duration = await store.executor.run(check)
    assert state == "ended" and customer_id == people["yamada"] and duration is not None


async def test_shared_number_lists_every_customer(store: Store, people: dict[str, int]) -> None:
    out = await _play(store, [ScriptedCall("+81661234567", talk_s=0.01)])
    [pop] = [p for p in out if isinstance(p, PopOut)]
    assert pop.shared
    assert {c.display_name for c in pop.customers} == {"鈴木 花子", "鈴木 一郎"}

    def customer_of_call() -> int | None:
        return Call.get_by_id(pop.call_id).customer_id  # type: ignore[no-any-return]

    assert await store.executor.run(customer_of_call) is None


async def test_withheld_missed_call_is_missed_but_makes_no_callback(
    store: Store, people: dict[str, int]
) -> None:
    out = await _play(store, [ScriptedCall(None, reason=Reason.WITHHELD, answered=False)])
    [pop] = [p for p in out if isinstance(p, PopOut)]
    assert pop.reason_ja == "非通知" and pop.reason_en == "Withheld" and pop.customers == []
    assert [u.kind for u in out if isinstance(u, CallUpdate)][-1] == "missed"

    def callbacks() -> list[str]:
        return [str(t.reason) for t in Task.select().where(Task.state == "open")]

    assert await store.executor.run(callbacks) == []  # nobody to call back


async def test_unknown_number_pops_with_no_card_and_second_call_counts_history(
    store: Store, people: dict[str, int]
) -> None:
    out = await _play(
        store,
        [
            ScriptedCall("09011112222", talk_s=0.01),
            ScriptedCall("090-8765-4321", talk_s=0.01),
            ScriptedCall("09087654321", talk_s=0.01),
        ],
    )
    pops = [p for p in out if isinstance(p, PopOut)]
    assert pops[0].customers == []
    assert pops[1].customers[0].caution and pops[1].customers[0].call_count == 0
    assert pops[2].customers[0].call_count == 1
    assert len(pops[2].customers[0].recent) == 1


async def test_a_call_claimed_at_a_desk_that_stops_ringing_was_taken_not_missed(
    store: Store, people: dict[str, int]
) -> None:
    from appliance.core.actor import Actor
    from appliance.core.calls.machine import Transition
    from appliance.core.users import create_user

    records = DbCallRecords("JP")

    def claimed_then_stopped() -> tuple[str, str, int]:
        from datetime import datetime

        now = datetime.now()
        call_id = records.call_started(Transition("started", "line1", now, 1))
        user = create_user(Actor.system("test"), "sato", display_name="佐藤")
        Call.update(user=user).where(Call.id == call_id).execute()  # the desk's claim
        records.call_progress(call_id, Transition("missed", "line1", now, 1, rings=3))
        call = Call.get_by_id(call_id)
        return call.state, call.disposition, Task.select().where(Task.call == call_id).count()

    assert await store.executor.run(claimed_then_stopped) == ("answered", "taken_at_desk", 0)
