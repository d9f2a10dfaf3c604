"""What a generated business card says: realistic Japanese and English people from Faker."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

JA_TITLES = (
    "代表取締役",
    "取締役",
    "部長",
    "課長",
    "係長",
    "主任",
    "営業部長",
    "店長",
    "マネージャー",
)
JA_DEPARTMENTS = (
    "営業部",
    "総務部",
    "経理部",
    "企画部",
    "開発部",
    "営業部 第二課",
    "人事部",
    "購買課",
)
EN_TITLES = (
    "Sales Manager",
    "Director",
    "Account Executive",
    "Chief Executive Officer",
    "Project Manager",
    "Senior Engineer",
    "Marketing Director",
    "Office Manager",
)
EN_DEPARTMENTS = ("Sales Department", "Marketing", "Engineering", "Purchasing", "Customer Service")
JA_AREA = ("03", "06", "045", "052", "011", "092", "075", "0467")


@dataclass(frozen=True)
class Phone:
    """A labelled number as printed: kind is tel, fax or mobile."""

    kind: str
    number: str


@dataclass(frozen=True)
class CardTruth:
    """The fields printed on one card; the scanner's answer is judged against these."""

    lang: str
    name: str
    reading: str
    company: str
    department: str
    title: str
    postal_code: str
    address: str
    phones: tuple[Phone, ...] = field(default_factory=tuple)
    email: str = ""
    url: str = ""


def _ja_number(rng: random.Random, area: str) -> str:
    mid = (11 if area.startswith(("090", "080", "070")) else 10) - len(area) - 4
    return f"{area}-{rng.randint(10 ** (mid - 1), 10**mid - 1)}-{rng.randint(1000, 9999)}"


def _en_number(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(1000, 9999)
    return rng.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"+1 {a} {b} {c}"))


def _domain(fake: Faker, rng: random.Random, lang: str) -> str:
    word = fake.unique.last_romanized_name() if lang == "ja" else fake.last_name()
    word = "".join(ch for ch in word.lower() if ch.isalpha())
    tld = rng.choice(("co.jp", "jp", "com")) if lang == "ja" else rng.choice(("com", "net", "us"))
    return f"{word}{rng.choice(('', '-sangyo', 'tech', '-corp')) if lang == 'ja' else ''}.{tld}"


def ja_card(rng: random.Random) -> CardTruth:
    """A Japanese card: kanji name with its kana reading, company, 〒, address, phones."""
    fake = Faker("ja_JP")
    fake.seed_instance(rng.randrange(2**32))
    last, first = fake.last_name_pair(), fake.first_name_pair()
    domain = _domain(fake, rng, "ja")
    area = rng.choice(JA_AREA)
    phones = [Phone("tel", _ja_number(rng, area))]
    if rng.random() < 0.6:
        phones.append(Phone("fax", _ja_number(rng, area)))
    if rng.random() < 0.6:
        phones.append(Phone("mobile", _ja_number(rng, rng.choice(("090", "080", "070")))))
    town = f"{fake.town()}{fake.chome()}{fake.ban()}{fake.gou()}"
    address = f"{fake.prefecture()}{fake.city()}{town}"
    return CardTruth(
        lang="ja",
        name=f"{last[0]} {first[0]}",
        reading=f"{last[1]} {first[1]}",
        company=fake.company(),
        department=rng.choice(JA_DEPARTMENTS),
        title=rng.choice(JA_TITLES),
        postal_code=fake.zipcode(),
        address=address,
        phones=tuple(phones),
        email=f"{last[2].lower()}{rng.choice(('.', '_', ''))}{first[2].lower()}@{domain}",
        url=f"https://www.{domain}",
    )


def en_card(rng: random.Random) -> CardTruth:
    """An English card: name, title, company, street address with ZIP code, phones."""
    fake = Faker("en_US")
    fake.seed_instance(rng.randrange(2**32))
    first, last = fake.first_name(), fake.last_name()
    domain = _domain(fake, rng, "en")
    phones = [Phone("tel", _en_number(rng))]
    if rng.random() < 0.5:
        phones.append(Phone("fax", _en_number(rng)))
    if rng.random() < 0.6:
        phones.append(Phone("mobile", _en_number(rng)))
    zipcode = fake.zipcode()
    street = fake.street_address()
    return CardTruth(
        lang="en",
        name=f"{first} {last}",
        reading="",
        company=fake.company(),
        department=rng.choice(EN_DEPARTMENTS),
        title=rng.choice(EN_TITLES),
        postal_code=zipcode,
        address=f"{street}, {fake.city()}, {fake.state_abbr()} {zipcode}",
        phones=tuple(phones),
        email=f"{first.lower()}{rng.choice(('.', '_', ''))}{last.lower()}@{domain}",
        url=f"www.{domain}",
    )
