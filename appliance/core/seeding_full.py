"""Test customers with every field filled (Faker ja_JP and en_US mixed): person or company,
readings, attributes, flags, several phones (foreign ones, an extension), e-mails, addresses
with delivery notes and coordinates, tags, a custom field of each kind and notes. What the
round-trip bench and tests export and import."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from appliance.core.text import clean, clean_multiline
from appliance.db import search
from appliance.db.bulk import big_cache, insert_rows
from appliance.db.connection import sql_datetime
from appliance.db.models import (
    Address,
    Customer,
    CustomerTag,
    CustomFieldDef,
    CustomFieldValue,
    Email,
    Note,
    Phone,
    Tag,
    database_proxy,
    utcnow,
)

FIELDS: tuple[tuple[str, str, str, str, list[str]], ...] = (
    ("allergy", "アレルギー", "Allergy", "text", []),
    ("visits", "来店回数", "Visits", "number", []),
    ("first_visit", "初回来店日", "First visit", "date", []),
    ("newsletter", "お知らせ希望", "Newsletter", "bool", []),
    ("seat", "席の好み", "Seat", "choice", ["カウンター", "テーブル", "座敷"]),
)
TAGS = ("VIP", "常連", "法人", "要注意", "新規", "Delivery", "配達/持ち帰り", "A, B")
_BANDS = ("〜300万円", "300〜600万円", "600〜1000万円", "1000万円〜")
_HOUSEHOLDS = ("単身", "夫婦", "夫婦と子供2人", "three generations")
_LABELS = ("自宅", "携帯", "会社", "home", "mobile", "work")
_STAMP = ("created_at", "updated_at", "version")
_ID: Any = getattr(Customer, "id")  # noqa: B009 - peewee adds it at runtime


def _definitions(now: str) -> dict[str, int]:
    rows = [
        (key, label, en, kind, json.dumps(choices, ensure_ascii=False), pos, now, now, 1)
        for pos, (key, label, en, kind, choices) in enumerate(FIELDS, start=1)
        if CustomFieldDef.get_or_none(CustomFieldDef.key == key) is None
    ]
    insert_rows(
        CustomFieldDef,
        ["key", "label", "label_en", "field_type", "choices", "position", *_STAMP],
        rows,
    )
    return {d.key: d.id for d in CustomFieldDef.select()}


def _tags(now: str) -> list[int]:
    from appliance.contract.search_keys import fold

    missing = [
        (n, fold(n), now, now, 1) for n in TAGS if Tag.get_or_none(Tag.key == fold(n)) is None
    ]
    insert_rows(Tag, ["name", "key", "created_at", "updated_at", "version"], missing)
    return [Tag.get(Tag.key == fold(n)).id for n in TAGS]


def _lines(rng: random.Random, first: list[str], second: list[str]) -> str:
    return f"{rng.choice(first)}\n{rng.choice(second)}"


def _tidy(value: Any) -> Any:
    """Text as the card stores it (NFKC, spaces folded), lines kept."""
    if not isinstance(value, str):
        return value
    return clean_multiline(value) if "\n" in value else clean(value)


class _Numbers:
    """Phone numbers nobody else has: Japanese fixed and mobile, US, UK."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set[str]()

    def draw(self, kind: int) -> tuple[str, str, str, str]:
        """(entered, E.164, national digits, region)."""
        r = self.rng
        while True:
            if kind == 0:
                national = f"03{r.randint(2, 9)}{r.randrange(10**7):07d}"
                e164, region = "+81" + national[1:], "JP"
                entered = f"{national[:2]}-{national[2:6]}-{national[6:]}"
            elif kind == 1:
                national = f"0{r.choice('789')}0{r.randint(1000, 9999)}{r.randrange(10**4):04d}"
                e164, region = "+81" + national[1:], "JP"
                entered = f"{national[:3]}-{national[3:7]}-{national[7:]}"
            elif kind == 2:
                area, exchange = r.choice(["212", "415", "617"]), r.randint(200, 999)
                national = f"{area}{exchange}{r.randrange(10**4):04d}"
                e164, region = "+1" + national, "US"
                entered = f"+1 {national[:3]}-{national[3:6]}-{national[6:]}"
            else:
                national = f"020{r.randint(7000, 8999)}{r.randrange(10**4):04d}"
                e164, region = "+44" + national[1:], "GB"
                entered = f"+44 20 {national[3:7]} {national[7:]}"
            if e164 not in self.used:
                self.used.add(e164)
                return entered, e164, national, region


def seed_full(customers: int, *, seed: int = 1) -> list[int]:
    """Add customers with every field filled; returns their ids."""
    from faker import Faker  # heavy; only when seeding

    rng = random.Random(seed)
    ja, en = Faker("ja_JP"), Faker("en_US")
    ja.seed_instance(seed)
    en.seed_instance(seed)
    now_dt = utcnow()
    now = sql_datetime(now_dt)
    stamp = (now, now, 1)
    numbers = _Numbers(rng)
    with big_cache(), database_proxy.obj.atomic():
        fields = _definitions(now)
        tag_ids = _tags(now)
        first = int(Customer.select(_ID).order_by(_ID.desc()).limit(1).scalar() or 0) + 1
        ids = list(range(first, first + customers))
        rows: dict[str, list[tuple[Any, ...]]] = {
            k: [] for k in ("c", "p", "e", "a", "t", "v", "n")
        }
        for cid in ids:
            jp = rng.random() < 0.6
            fk = ja if jp else en
            company_kind = rng.random() < 0.15
            company = fk.company()
            if jp:
                last, first_name = ja.last_name_pair(), ja.first_name_pair()
                name, reading = f"{last[0]} {first_name[0]}", f"{last[1]} {first_name[1]}"
            else:
                name, reading = en.name(), en.last_name().upper()
            display = company if company_kind else name
            born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000))
            rows["c"].append(
                (
                    cid,
                    "company" if company_kind else "person",
                    display,
                    reading,
                    company,
                    fk.job()[:40] if not jp else rng.choice(["営業部", "総務部", "経理課"]),
                    rng.choice(["部長", "課長", "主任", "Manager", "Director"]),
                    rng.choice(["female", "male", "other", "unknown"]),
                    born.isoformat(),
                    ja.prefecture() if jp else en.state(),
                    fk.job()[:60],
                    _lines(rng, ["釣り", "料理", "golf", "jazz"], ["旅行", "reading"]),
                    rng.choice(_HOUSEHOLDS),
                    rng.choice(_BANDS),
                    rng.random() < 0.2,
                    rng.random() < 0.1,
                    _lines(rng, ["大声注意", "Pays late"], ["夜は不在", "Call first"]),
                    rng.random() < 0.05,
                    *stamp,
                )
            )
            for i, kind in enumerate(rng.sample([0, 1, 2, 3], rng.randint(2, 3))):
                entered, e164, national, region = numbers.draw(kind)
                if i == 0 and kind == 0 and rng.random() < 0.3:
                    entered += f" 内線{rng.randint(1, 999)}"
                rows["p"].append(
                    (cid, entered, e164, national, region, rng.choice(_LABELS), *stamp)
                )
            local = f"c{cid}.{rng.randrange(10**6)}"
            for label in rng.sample(["home", "work", "携帯"], 2):
                rows["e"].append(
                    (cid, f"{local}.{label.encode().hex()[:4]}@example.com", label, *stamp)
                )
            for label in rng.sample(["自宅", "会社", "別荘"], 2):
                if jp:
                    place = (
                        "JP",
                        ja.postcode(),
                        ja.prefecture(),
                        ja.city(),
                        ja.town() + ja.chome() + ja.ban() + ja.gou(),
                        ja.building_name() + ja.building_number(),
                    )
                else:
                    place = (
                        "US",
                        en.postcode(),
                        en.state_abbr(),
                        en.city(),
                        en.street_address(),
                        en.secondary_address(),
                    )
                note = _lines(rng, ["裏口へ", "Ring twice"], ["犬がいます", "Leave at door"])
                lat, lon = round(rng.uniform(24, 45), 6), round(rng.uniform(123, 146), 6)
                rows["a"].append((cid, label, *place, note, lat, lon, *stamp))
            for tid in rng.sample(tag_ids, rng.randint(1, 3)):
                rows["t"].append((cid, tid, now, now))
            custom = {
                "allergy": rng.choice(["そば", "peanuts", "えび・かに"]),
                "visits": str(rng.randint(1, 300)),
                "first_visit": (born + dt.timedelta(days=7000)).isoformat(),
                "newsletter": rng.choice(["true", "false"]),
                "seat": rng.choice(FIELDS[4][4]),
            }
            rows["v"].extend((cid, fields[k], v, now, now) for k, v in custom.items())
            for n in range(rng.randint(1, 2)):
                at = sql_datetime(now_dt - dt.timedelta(days=rng.randrange(900), seconds=n))
                body = f"{rng.choice(['いつもの大盛り', 'Prefers mornings'])}\n{fk.sentence()}"
                rows["n"].append(
                    (
                        cid,
                        body,
                        rng.choice(["山田", "Kim"]),
                        rng.random() < 0.3,
                        rng.randrange(600),
                        at,
                        at,
                        1,
                    )
                )
        rows = {k: [tuple(_tidy(v) for v in row) for row in r] for k, r in rows.items()}
        base = ["created_at", "updated_at", "version"]
        insert_rows(
            Customer,
            [
                "id",
                "kind",
                "display_name",
                "reading",
                "company",
                "department",
                "title",
                "gender",
                "birth_date",
                "birthplace",
                "occupation",
                "interests",
                "household",
                "income_band",
                "vip",
                "caution",
                "caution_note",
                "blocked",
                *base,
            ],
            rows["c"],
        )
        insert_rows(
            Phone, ["customer", "entered", "e164", "national", "region", "label", *base], rows["p"]
        )
        insert_rows(Email, ["customer", "address", "label", *base], rows["e"])
        insert_rows(
            Address,
            [
                "customer",
                "label",
                "country",
                "postal_code",
                "prefecture",
                "city",
                "line1",
                "line2",
                "delivery_notes",
                "lat",
                "lon",
                *base,
            ],
            rows["a"],
        )
        insert_rows(CustomerTag, ["customer", "tag", "created_at", "updated_at"], rows["t"])
        insert_rows(
            CustomFieldValue, ["customer", "field", "value", "created_at", "updated_at"], rows["v"]
        )
        insert_rows(
            Note, ["customer", "body", "author_name", "pinned", "time_spent_s", *base], rows["n"]
        )
        search.reindex_customers(ids, new=True)
    return ids
