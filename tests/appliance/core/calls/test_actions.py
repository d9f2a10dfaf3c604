"""Claim, hand-off and attach at the core: one desk wins, a revoked desk takes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.core import users
from appliance.core.actor import Actor
from appliance.core.calls import actions, listing
from appliance.core.calls.actions import ClaimRefused
from appliance.core.errors import InvalidInput
from appliance.db.models import Call, Desk, Phone, utcnow
from appliance.db.store import Store

SYSTEM = Actor.system("test")


def _office() -> tuple[Actor, Actor, int, int]:
    """Two operators at two desks, and a third desk that was revoked."""
    front = users.create_desk(SYSTEM, "受付")
    back = users.create_desk(SYSTEM, "厨房")
    gone = users.create_desk(SYSTEM, "旧端末")
    Desk.update(revoked_at=utcnow()).where(Desk.id == gone.id).execute()
    sato = users.create_user(SYSTEM, "sato", display_name="佐藤")
    kato = users.create_user(SYSTEM, "kato", display_name="加藤")
    return (
        Actor(int(sato.id), int(front.id), "佐藤"),
        Actor(int(kato.id), int(back.id), "加藤"),
        int(back.id),
        int(gone.id),
    )


async def test_of_two_desks_exactly_one_wins_and_the_other_hears_who(store: Store) -> None:
    run = store.executor.run
    sato, kato, _, _ = await run(_office)
    call_id = await run(lambda: int(Call.create(line="1", number="0312345678").id))
    won = await run(actions.claim, sato, call_id)
    assert (won.desk_name, won.user_name, won.event) == ("受付", "佐藤", "claimed")
    with pytest.raises(ClaimRefused) as refused:
        await run(actions.claim, kato, call_id)
    assert (refused.value.desk_name, refused.value.user_name) == ("受付", "佐藤")
    assert (await run(actions.claim, sato, call_id)).user_name == "佐藤"  # claiming again is fine


async def test_hand_off_goes_to_a_live_desk_only(store: Store) -> None:
    run = store.executor.run
    sato, kato, back, gone = await run(_office)
    call_id = await run(lambda: int(Call.create(line="1", number="0312345678").id))
    await run(actions.claim, sato, call_id)
    with pytest.raises(InvalidInput):
        await run(actions.handoff, sato, call_id, gone)
    with pytest.raises(ClaimRefused):
        await run(actions.handoff, kato, call_id, back)  # not kato's call to give away
    moved = await run(actions.handoff, sato, call_id, back)
    assert (moved.desk_id, moved.user_id, moved.event) == (back, None, "handed_off")
    assert (await run(actions.claim, kato, call_id)).user_name == "加藤"


async def test_attach_adds_the_number_once_and_links_the_call(
    store: Store, people: dict[str, int]
) -> None:
    run = store.executor.run
    sato, _, _, _ = await run(_office)
    yamada = people["yamada"]

    def calls_from(number: str) -> tuple[int, int]:
        return (
            int(Call.create(line="1", number=number).id),
            int(Call.create(line="1", number=number).id),
        )

    first, second = await run(calls_from, "090-9999-0000")
    before = await run(lambda: Phone.live().where(Phone.customer == yamada).count())
    for call_id in (first, second):
        out = await run(actions.attach, sato, call_id, yamada, "携帯")
        assert (out.customer_id, out.event) == (yamada, "attached")
    after = await run(lambda: Phone.live().where(Phone.customer == yamada).count())
    assert after == before + 1
    log = await run(lambda: listing.list_calls(customer_id=yamada))
    assert {c.id for c in log} >= {first, second}


async def test_claiming_a_ringing_call_is_its_answer_time_and_its_length_counts_from_it(
    store: Store,
) -> None:
    run = store.executor.run
    sato, _kato, _, _ = await run(_office)
    rang = utcnow() - dt.timedelta(minutes=2)

    def ringing() -> int:
        return int(Call.create(line="1", number="0312345678", state="ringing", started_at=rang).id)

    call_id = await run(ringing)
    await run(actions.claim, sato, call_id)
    answered = await run(lambda: Call.get_by_id(call_id).answered_at)
    assert answered is not None and answered - rang >= dt.timedelta(minutes=2)
    await run(actions.claim, sato, call_id)  # claiming again keeps the first answer time
    assert await run(lambda: Call.get_by_id(call_id).answered_at) == answered
    ended = await run(actions.end, sato, call_id)
    assert ended.duration_s is not None and ended.duration_s < 60  # from the claim, not the ring
    over = await run(lambda: int(Call.create(line="1", number="0312345678", state="ended").id))
    await run(actions.claim, sato, over)  # taking an old call is not answering it
    assert await run(lambda: Call.get_by_id(over).answered_at) is None


@pytest.mark.parametrize(
    ("reason", "who"),
    [
        ("不在着信 / missed call: 0101-41-5555", "0101-41-5555"),  # before one-language titles
        ("不在着信 090-2345-6789 山田 太郎", "090-2345-6789 山田 太郎"),
        ("Missed call +1 303-596-9867", "+1 303-596-9867"),
        ("不在着信", ""),
    ],
)
def test_who_rang_is_read_from_every_wording_of_a_missed_call_title(reason: str, who: str) -> None:
    from appliance.core.calls.callbacks import caller_of

    assert caller_of(reason) == who
