"""The pop card's fixed statements pick exactly the rows the card promises, in its order."""

from __future__ import annotations

from datetime import datetime, timedelta

from appliance.contract.pop import (
    PopCustomerOut,
    PopInteractionOut,
    PopNoteOut,
    PopOrderOut,
    PopTaskOut,
)
from appliance.core.calls.pop_card import card
from appliance.core.calls.records import _rows
from appliance.db.models import (
    Address,
    Call,
    Customer,
    CustomerTag,
    Note,
    Order,
    OrderItem,
    Phone,
    Role,
    Tag,
    Task,
    User,
)
from appliance.db.store import Store

T0 = datetime(2026, 11, 20, 12, 0, 0)
MISSED = "不在着信 / missed call: 090-1234-5678"  # a callback titled before one-language titles


def _day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def _populate() -> tuple[int, int, PopCustomerOut]:
    """高橋 美咲 with more of everything than the card shows; returns ids and the card expected."""
    role = Role.create(name="operator")
    sato = User.create(username="sato", display_name="佐藤 愛", role=role)
    kato = User.create(username="kato", role=role)  # no display name: the login name shows
    c = Customer.create(
        display_name="高橋 美咲", reading="タカハシ ミサキ", company="高橋商店", vip=True
    )
    other = Customer.create(display_name="Emily Johnson", reading="")
    Phone.create(
        customer=c,
        entered="03-0000-0000",
        national="0300000000",
        label="旧番号",
        deleted_at=_day(0),
    )
    Phone.create(customer=c, entered="045-123-4567", national="0451234567", label="店舗")
    Phone.create(customer=c, entered="090-1111-2222", national="09011112222", label="携帯")
    Address.create(
        customer=c, prefecture="神奈川県", city="横浜市", line1="旧住所", deleted_at=_day(0)
    )
    Address.create(
        customer=c,
        postal_code="231-0023",
        prefecture="神奈川県",
        city="横浜市中区",
        line1="山下町1-1",
        line2="3F",
        delivery_notes="インターホン 301",
    )
    Address.create(customer=c, prefecture="東京都", city="港区", line1="芝公園4-2-8")
    for i, body in enumerate(["アレルギー: えび", "領収書は会社名で", "月末払い", "駐車場あり"]):
        Note.create(
            customer=c, body=body, pinned=True, author_name="佐藤" if i else "", created_at=_day(i)
        )
    Note.create(customer=c, body="消したメモ", pinned=True, deleted_at=_day(5))
    Note.create(customer=c, body="ピン留めなし", pinned=False)
    orders = []
    for i, (total, status) in enumerate(
        [(1200, "delivered"), (3400, "delivered"), (800, "cancelled"), (5600, "open")]
    ):
        orders.append(Order.create(customer=c, total=total, status=status, ordered_at=_day(i)))
    Order.create(customer=c, total=9900, ordered_at=_day(9), deleted_at=_day(9))
    OrderItem.create(order=orders[3], description="天丼", qty=1, unit_price=1400, line_total=1400)
    OrderItem.create(
        order=orders[3], description="茶碗蒸し", qty=3, unit_price=400, line_total=1200
    )
    OrderItem.create(
        order=orders[1], description="幕の内弁当", qty=2, unit_price=1700, line_total=3400
    )
    OrderItem.create(order=orders[0], description="not shown", qty=1)
    Task.create(customer=c, reason="見積もりの返事", due_at=_day(3), assignee=sato)
    Task.create(customer=c, reason=MISSED, due_at=_day(1), assignee=kato, missed_count=2)
    Task.create(customer=c, reason="済み", due_at=_day(0), state="done")
    Task.create(customer=c, reason="消した", due_at=_day(0), deleted_at=_day(0))
    for i in range(6):
        handled = "completed" if i % 2 else ""
        Call.create(
            line="line1",
            customer=c,
            started_at=_day(i),
            state="ended",
            disposition=handled,
            user=sato if i == 4 else None,
        )
    Call.create(line="line1", customer=other, started_at=_day(8), state="ended")
    ringing = Call.create(line="line1", customer=c, started_at=_day(10), state="ringing")
    for name in ("常連", "法人"):
        CustomerTag.create(customer=c, tag=Tag.create(name=name, key=name))
    expected = PopCustomerOut(
        customer_id=int(c.id),
        display_name="高橋 美咲",
        reading="タカハシ ミサキ",
        company="高橋商店",
        phone_label="店舗",
        address="〒231-0023 神奈川県横浜市中区山下町1-1 3F",
        delivery_notes="インターホン 301",
        vip=True,
        tags=["常連", "法人"],
        pinned_notes=[
            PopNoteOut(body="駐車場あり", author="佐藤", at=_day(3)),
            PopNoteOut(body="月末払い", author="佐藤", at=_day(2)),
            PopNoteOut(body="領収書は会社名で", author="佐藤", at=_day(1)),
        ],
        last_orders=[
            PopOrderOut(
                order_id=int(orders[3].id),
                at=_day(3),
                total=5600,
                status="open",
                items=["天丼", "茶碗蒸し×3"],
            ),
            PopOrderOut(order_id=int(orders[2].id), at=_day(2), total=800, status="cancelled"),
            PopOrderOut(
                order_id=int(orders[1].id),
                at=_day(1),
                total=3400,
                status="delivered",
                items=["幕の内弁当×2"],
            ),
        ],
        open_tasks=[
            PopTaskOut(
                task_id=int(Task.get(reason=MISSED).id),
                due=_day(1),
                reason=MISSED,
                assignee="kato",
                missed_from="090-1234-5678",  # each desk words a missed call in its language
            ),
            PopTaskOut(
                task_id=int(Task.get(reason="見積もりの返事").id),
                due=_day(3),
                reason="見積もりの返事",
                assignee="佐藤 愛",
            ),
        ],
        recent=[
            PopInteractionOut(
                at=_day(i),
                kind="call",
                summary="completed" if i % 2 else "ended",
                handled_by="佐藤 愛" if i == 4 else None,
            )
            for i in (5, 4, 3, 2, 1)
        ],
        call_count=6,
        last_call_at=_day(5),
        # each kind once: the newest not cancelled is the usual
        usual_order_id=int(orders[3].id),
        usual=["天丼", "茶碗蒸し×3"],
    )
    return int(c.id), int(ringing.id), expected


async def test_card_shows_live_rows_newest_first_without_the_ringing_call(store: Store) -> None:
    customer_id, ringing, expected = await store.executor.run(_populate)

    def read() -> PopCustomerOut:
        return card(_rows, Customer.get_by_id(customer_id), exclude_call=ringing)

    assert await store.executor.run(read) == expected


async def test_a_bare_customer_has_an_empty_card(store: Store) -> None:
    def read() -> PopCustomerOut:
        c = Customer.create(display_name="Michael Brown", reading="")
        return card(_rows, c)

    got = await store.executor.run(read)
    assert got.display_name == "Michael Brown" and got.reading is None and got.company is None
    assert (got.address, got.phone_label, got.tags, got.last_orders, got.recent) == (
        None,
        None,
        [],
        [],
        [],
    )
    assert got.call_count == 0 and got.last_call_at is None
