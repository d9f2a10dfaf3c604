"""Realistic test data in bulk: Japanese and Western customers with phones, orders and calls."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from appliance.db import search
from appliance.db.bulk import analyze, big_cache, insert_rows
from appliance.db.models import (
    Address,
    Call,
    Customer,
    CustomerTag,
    Email,
    Note,
    Order,
    Phone,
    Tag,
    database_proxy,
    utcnow,
)

Progress = Callable[[str, int, int], None]
_JP_AREAS = ("03", "06", "052", "048", "092", "075", "045", "078", "022", "082", "0466", "0995")
_JP_MOBILE = ("090", "080", "070")
_US_AREAS = ("201", "212", "312", "415", "617", "646", "713", "206", "303", "512", "718", "305")
_NOTES = (
    "いつもの大盛り、ネギ抜き",
    "配達は裏口へ。インターホン故障中",
    "辛さ控えめ希望",
    "支払いは月末締め",
    "前回の注文で箸が足りなかった",
    "午前中は不在が多い",
    "Prefers a call back after 6pm",
    "Allergic to peanuts",
    "Invoice to the head office",
)
_TAGS = ("VIP", "常連", "法人", "要注意", "新規", "Delivery", "Wholesale")
_CUSTOMER_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


@dataclass(frozen=True)
class SeedCounts:
    """How many rows of each kind were written."""

    customers: int
    phones: int
    orders: int
    calls: int


class _Pools:
    """Faker output drawn once and recombined, so 100k customers take seconds, not minutes."""

    def __init__(self, rng: random.Random, seed: int, size: int = 600) -> None:
        from faker import Faker  # heavy; only when seeding

        ja, en = Faker("ja_JP"), Faker("en_US")
        ja.seed_instance(seed)
        en.seed_instance(seed)
        self.rng = rng
        self.ja_last = [ja.last_name_pair() for _ in range(size)]
        self.ja_first = [ja.first_name_pair() for _ in range(size)]
        self.ja_company = [ja.company() for _ in range(size)]
        self.ja_place = [(ja.prefecture(), ja.city() + ja.town()) for _ in range(size)]
        self.en_first = [en.first_name() for _ in range(size)]
        self.en_last = [en.last_name() for _ in range(size)]
        self.en_company = [en.company() for _ in range(size)]
        self.en_place = [(en.state_abbr(), en.city(), en.street_address()) for _ in range(size)]
        self.domains = [ja.free_email_domain() for _ in range(20)] + ["example.com"]
        self.used: set[str] = set()

    def phone(self, japanese: bool, mobile: bool) -> tuple[str, str, str, str]:
        """(as typed, E.164, national digits, region) for a number nobody has yet."""
        r = self.rng
        for _ in range(1000):
            if japanese:
                area = r.choice(_JP_MOBILE) if mobile else r.choice(_JP_AREAS)
                size = 11 if mobile else 10
                rest = "".join(str(r.randrange(10)) for _ in range(size - len(area) - 1))
                national = area + str(r.randint(2, 9)) + rest
                if national in self.used:
                    continue
                self.used.add(national)
                cut = len(area)
                typed = f"{national[:cut]}-{national[cut:-4]}-{national[-4:]}"
                return typed, "+81" + national[1:], national, "JP"
            national = f"{r.choice(_US_AREAS)}{r.randint(200, 999)}{r.randint(0, 9999):04d}"
            if national in self.used:
                continue
            self.used.add(national)
            typed = f"({national[:3]}) {national[3:6]}-{national[6:]}"
            return typed, "+1" + national, national, "US"
        raise RuntimeError("no unused phone number left to draw")


def seed(
    customers: int, calls: int, *, seed: int = 1, progress: Progress | None = None
) -> SeedCounts:
    """Add customers (about 70% Japanese) with phones, addresses, notes, orders and calls."""
    rng = random.Random(seed)
    pools = _Pools(rng, seed)
    now = utcnow()
    stamp = (now, now, 1)
    db = database_proxy.obj
    with big_cache(), db.atomic():
        first = (
            int(Customer.select(_CUSTOMER_ID).order_by(_CUSTOMER_ID.desc()).limit(1).scalar() or 0)
            + 1
        )
        rows_c: list[tuple[Any, ...]] = []
        rows_p: list[tuple[Any, ...]] = []
        rows_e: list[tuple[Any, ...]] = []
        rows_a: list[tuple[Any, ...]] = []
        rows_n: list[tuple[Any, ...]] = []
        rows_t: list[tuple[Any, ...]] = []
        rows_o: list[tuple[Any, ...]] = []
        numbers: list[tuple[int, str, str]] = []
        tag_ids = _tags(now)
        for cid in range(first, first + customers):
            jp = rng.random() < 0.7
            if jp:
                (ln, lk, lr), (fn, fk, fr) = rng.choice(pools.ja_last), rng.choice(pools.ja_first)
                name, reading, local = f"{ln} {fn}", f"{lk} {fk}", f"{lr}.{fr}".lower()
                company = rng.choice(pools.ja_company) if rng.random() < 0.15 else ""
                pref, city = rng.choice(pools.ja_place)
                line = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
                postal = f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
                rows_a.append((cid, "JP", postal, pref, city, line, *stamp))
            else:
                fn, ln = rng.choice(pools.en_first), rng.choice(pools.en_last)
                name, reading, local = f"{fn} {ln}", "", f"{fn}.{ln}".lower()
                company = rng.choice(pools.en_company) if rng.random() < 0.2 else ""
                state, city, street = rng.choice(pools.en_place)
                rows_a.append(
                    (cid, "US", f"{rng.randint(10000, 99999)}", state, city, street, *stamp)
                )
            rows_c.append(
                (
                    cid,
                    "company" if company and rng.random() < 0.3 else "person",
                    name,
                    reading,
                    company,
                    *stamp,
                )
            )
            for mobile in (False, True)[: 1 + (rng.random() < 0.4)]:
                typed, e164, national, region = pools.phone(jp, mobile)
                rows_p.append((cid, typed, e164, national, region, *stamp))
                numbers.append((cid, e164, national))
            if rng.random() < 0.02 and rows_p:  # a household or switchboard sharing a line
                _, typed, e164, national, region, *_ = rng.choice(rows_p[-50:])
                rows_p.append((cid, typed, e164, national, region, *stamp))
            if rng.random() < 0.6:
                rows_e.append(
                    (cid, f"{local}{rng.randint(1, 999)}@{rng.choice(pools.domains)}", *stamp)
                )
            if rng.random() < 0.3:
                rows_n.append((cid, rng.choice(_NOTES), "seed", rng.random() < 0.1, *stamp))
            if rng.random() < 0.15:
                rows_t.append((cid, rng.choice(tag_ids), now, now))
            for _ in range(rng.choice((0, 0, 0, 1, 2, 3, 5, 8))):
                when = now - dt.timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 1440))
                rows_o.append((cid, when, "phone", "done", rng.randrange(800, 12000, 10), *stamp))
        if progress:
            progress("customers", customers, customers)
        insert_rows(
            Customer,
            [
                "id",
                "kind",
                "display_name",
                "reading",
                "company",
                "created_at",
                "updated_at",
                "version",
            ],
            rows_c,
        )
        insert_rows(
            Phone,
            [
                "customer",
                "entered",
                "e164",
                "national",
                "region",
                "created_at",
                "updated_at",
                "version",
            ],
            rows_p,
        )
        insert_rows(Email, ["customer", "address", "created_at", "updated_at", "version"], rows_e)
        insert_rows(
            Address,
            [
                "customer",
                "country",
                "postal_code",
                "prefecture",
                "city",
                "line1",
                "created_at",
                "updated_at",
                "version",
            ],
            rows_a,
        )
        insert_rows(
            Note,
            ["customer", "body", "author_name", "pinned", "created_at", "updated_at", "version"],
            rows_n,
        )
        insert_rows(CustomerTag, ["customer", "tag", "created_at", "updated_at"], rows_t)
        insert_rows(
            Order,
            [
                "customer",
                "ordered_at",
                "channel",
                "status",
                "total",
                "created_at",
                "updated_at",
                "version",
            ],
            rows_o,
        )
        _seed_calls(rng, numbers, calls, now, progress)
        search.rebuild(db)
    analyze()
    return SeedCounts(customers, len(rows_p), len(rows_o), calls)


def _tags(now: dt.datetime) -> list[int]:
    from appliance.contract.search_keys import fold

    ids = []
    for name in _TAGS:
        found: Any = Tag.select(getattr(Tag, "id")).where(Tag.key == fold(name)).scalar()  # noqa: B009
        if found is None:
            found = Tag.insert(name=name, key=fold(name), created_at=now, updated_at=now).execute()
        ids.append(int(found))
    return ids


def _seed_calls(
    rng: random.Random,
    numbers: list[tuple[int, str, str]],
    count: int,
    now: dt.datetime,
    progress: Progress | None,
) -> None:
    """Calls over the last two years: most from customers, some unknown or withheld."""
    fields = [
        "line",
        "direction",
        "state",
        "started_at",
        "answered_at",
        "ended_at",
        "duration_s",
        "number",
        "number_e164",
        "number_national",
        "reason",
        "customer",
        "disposition",
        "standard",
        "created_at",
        "updated_at",
    ]
    rows: list[tuple[Any, ...]] = []
    for i in range(count):
        start = now - dt.timedelta(seconds=rng.randint(0, 730 * 86400))
        roll = rng.random()
        cid: int | None
        if roll < 0.05 or not numbers:
            cid, e164, national, number, reason = None, None, "", "", rng.choice("PPPCOS")
        elif roll < 0.15:
            national = f"0{rng.choice('3679')}{rng.randint(10000000, 99999999)}"
            cid, e164, number, reason = None, "+81" + national[1:], national, None
        else:
            cid, e164, national = rng.choice(numbers)
            number, reason = national, None
        answered = rng.random() < 0.85
        duration = rng.randint(15, 600) if answered else None
        end = start + dt.timedelta(seconds=(duration or 20) + 5)
        picked_up = start + dt.timedelta(seconds=5) if answered else None
        rows.append(
            (
                "line1",
                "in",
                "ended",
                start,
                picked_up,
                end,
                duration,
                number,
                e164,
                national,
                reason,
                cid,
                "answered" if answered else "missed",
                "ntt",
                start,
                end,
            )
        )
        if len(rows) >= 50_000:
            insert_rows(Call, fields, rows)
            rows.clear()
            if progress:
                progress("calls", i + 1, count)
    insert_rows(Call, fields, rows)
    if progress:
        progress("calls", count, count)
