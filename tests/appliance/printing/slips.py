"""Realistic slips for the printing tests (Faker ja_JP / en_US names, phones and addresses)."""

from __future__ import annotations

import datetime as dt

from faker import Faker

from appliance.printing.queue import PrintQueue
from appliance.printing.slip import Payment, Slip, SlipItem, TaxLine, address_qr


def japanese_slip(kind: str = "delivery", seed: int = 7) -> Slip:
    """A delivery order from a Japanese regular: reduced-rate food, a standard-rate drink."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    address = f"〒{fake.postcode()}\n{fake.prefecture()}{fake.city()}{fake.town()}{fake.chome()}"
    items = (
        SlipItem("天ざるそば", 2, 2760, ("大盛り (+¥100)",), "わさび抜き", reduced_rate=True),
        SlipItem("親子丼", 1, 980, (), "", reduced_rate=True),
        SlipItem("瓶ビール", 1, 660),
    )
    return Slip(
        kind="kitchen" if kind == "kitchen" else "delivery",
        shop_name="そば処 やまだ",
        order_no=f"{fake.random_int(1, 999):04d}",
        business_date=dt.date(2026, 12, 7),
        ordered_at=dt.datetime(2026, 12, 7, 19, 2),
        promise_at=dt.datetime(2026, 12, 7, 19, 35),
        items=items,
        customer_name=fake.name(),
        phone=fake.phone_number(),
        address=address,
        delivery_notes="裏口からお願いします。犬がいます",
        subtotal=4400,
        taxes=(TaxLine(10, 960, 87), TaxLine(8, 3740, 277, reduced=True)),
        delivery_fee=300,
        total=4700,
        payment=Payment("cash", 10000),
        remarks="領収書をお願いします",
        qr_payload=address_qr(address.splitlines()[-1]),
        order_id=fake.random_int(1, 10_000),
    )


def american_slip(seed: int = 3) -> Slip:
    """A US pick-up order paid by card, in cents, labels in English."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return Slip(
        kind="delivery",
        shop_name="Joe's Noodle Bar",
        order_no="A-17",
        business_date=dt.date(2026, 12, 7),
        ordered_at=dt.datetime(2026, 12, 7, 12, 15),
        items=(SlipItem("Pad thai with extra peanuts", 1, 1450), SlipItem("Iced tea", 2, 700)),
        service="pickup",
        customer_name=fake.name(),
        phone=fake.phone_number(),
        subtotal=2150,
        taxes=(TaxLine(8.875, 2150, 175),),
        total=2325,
        payment=Payment("card"),
        currency="USD",
        language="en",
    )


async def printed_jobs(queue: PrintQueue, count: int) -> None:
    """Wait until the queue has said `count` jobs printed (from the hub's first event on)."""
    assert queue.hub is not None
    backlog, events = queue.hub.subscribe(since=0)
    done = sum(
        len(e.data["jobs"]) for e in backlog if e.kind == "print" and e.data["state"] == "printed"
    )
    while done < count:
        event = await events.get()
        if event is not None and event.kind == "print" and event.data["state"] == "printed":
            done += len(event.data["jobs"])
    queue.hub.unsubscribe(events)
