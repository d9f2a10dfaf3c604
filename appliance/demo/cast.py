"""The demo's regular customers and the stream of calls it plays."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from appliance.core import editing, orders
from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.db.models import (
    Call,
    Customer,
    Note,
    Phone,
    ProductOption,
    database_proxy,
    utcnow,
)
from appliance.demo.menu import add_menu
from drivers.base import Reason

ACTOR = Actor.system("demo")


@dataclass(frozen=True)
class Regular:
    """A customer the demo knows well: they call, and their card is rich."""

    name: str
    reading: str
    phone: str
    address: dict[str, str]
    note: str
    orders: tuple[tuple[str, int, int], ...]  # (product, qty, price when it was ordered)
    tags: tuple[str, ...] = ()
    vip: bool = False
    caution: bool = False
    company: str = ""


REGULARS: tuple[Regular, ...] = (
    Regular(
        "山田 太郎",
        "ヤマダ タロウ",
        "03-3812-4567",
        {
            "postal_code": "113-0033",
            "prefecture": "東京都",
            "city": "文京区",
            "line1": "本郷3-14-7",
            "delivery_notes": "裏口から。インターホン故障中",
        },
        "わさび抜き。支払いはいつもPayPay",
        (("特上にぎり", 2, 2800), ("茶碗蒸し", 2, 450)),
        ("常連",),
        vip=True,
    ),
    Regular(
        "佐々木 美咲",
        "ササキ ミサキ",
        "090-4521-8834",
        {
            "postal_code": "530-0001",
            "prefecture": "大阪府",
            "city": "大阪市北区",
            "line1": "梅田2-5-10 グランドタワー1203",
            "delivery_notes": "オートロック 1203 を呼出",
        },
        "小学生の子供2人。卵アレルギーあり(長男)",
        (("ファミリーセット", 1, 4200),),
        ("家族",),
    ),
    Regular(
        "株式会社 北斗物流 総務部",
        "ホクトブツリュウ",
        "045-671-2390",
        {
            "postal_code": "231-0023",
            "prefecture": "神奈川県",
            "city": "横浜市中区",
            "line1": "山下町22 北斗ビル4F",
            "delivery_notes": "受付で「総務の田中さん」宛",
        },
        "請求書払い(月末締め翌月末)。領収書は不要",
        (("会議用弁当", 12, 980), ("緑茶", 12, 150)),
        ("法人", "請求書"),
        company="株式会社 北斗物流",
    ),
    Regular(
        "Emily Johnson",
        "",
        "+1 415-555-0142",
        {
            "country": "US",
            "postal_code": "94110",
            "prefecture": "CA",
            "city": "San Francisco",
            "line1": "2450 Mission St Apt 3",
            "delivery_notes": "Visiting Tokyo until May; speaks little Japanese",
        },
        "Vegetarian — no fish sauce",
        (("Vegetable tempura set", 1, 1800),),
        ("English",),
    ),
    Regular(
        "高橋 健一",
        "タカハシ ケンイチ",
        "080-3345-9912",
        {
            "postal_code": "460-0008",
            "prefecture": "愛知県",
            "city": "名古屋市中区",
            "line1": "栄4-1-1",
            "delivery_notes": "",
        },
        "前回、配達遅延でクレームあり。丁寧に対応すること",
        (("上にぎり", 1, 2000),),
        (),
        caution=True,
    ),
)


def add_regulars() -> list[int]:
    """Create the menu and the regulars (once) with notes and real orders (lines of the menu,
    to their address, paid as they pay); returns their ids."""
    ids = []
    now = utcnow()
    with database_proxy.atomic():
        products = add_menu(ACTOR)
        for i, r in enumerate(REGULARS):
            existing = Phone.select().where(Phone.entered == r.phone).first()
            if existing is not None:
                ids.append(int(getattr(existing, "customer_id")))  # noqa: B009
                continue
            c = create_customer(
                ACTOR,
                r.name,
                reading=r.reading,
                company=r.company,
                phones=[(r.phone, "携帯" if r.phone.startswith(("090", "080")) else "自宅")],
                addresses=[r.address],
                tag_names=r.tags,
            )
            editing.update(ACTOR, Customer, c.id, c.version, {"vip": r.vip, "caution": r.caution})
            editing.create(ACTOR, Note, customer=c.id, body=r.note, pinned=True, author_name="店長")
            for weeks in (1, 3, 7):
                when = now - timedelta(days=7 * weeks + i)
                call = Call.create(
                    line="line1",
                    state="ended",
                    started_at=when - timedelta(minutes=3),
                    answered_at=when - timedelta(minutes=3),
                    ended_at=when,
                    duration_s=150.0 + 40 * i,
                    number=r.phone,
                    number_national=_digits(r.phone),
                    customer=c.id,
                    disposition="completed",
                    standard="modem",
                )
                orders.place_order(
                    ACTOR,
                    c.id,
                    [_line(products, name, qty, r.note) for name, qty, _ in r.orders],
                    terms=orders.Terms(payment="qr" if "PayPay" in r.note else "cash"),
                    status="done",
                    ordered_at=when,
                    call_id=call.id,
                )
            ids.append(int(c.id))
    return ids


def _line(products: dict[str, int], name: str, qty: int, note: str) -> orders.Line:
    """A menu line; わさび抜き in the customer's note becomes the option on their nigiri."""
    product = products[name]
    option = (
        ProductOption.live()
        .where((ProductOption.product == product) & (ProductOption.name == "わさび抜き"))
        .first()
    )
    wants = option is not None and "わさび抜き" in note
    return orders.Line(qty=qty, product_id=product, option_ids=(int(option.id),) if wants else ())


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


@dataclass(frozen=True)
class DemoCall:
    """One call the demo places: a number (or a reason) and whether someone answers."""

    number: str | None
    name: str | None = None
    reason: Reason | None = None
    answered: bool = True
    rings: int = 2


def call_stream(seed: int = 7) -> list[DemoCall]:
    """A realistic mix: regulars, an unknown caller, a withheld one, a payphone, a missed call."""
    rng = random.Random(seed)
    calls = [
        DemoCall("0338124567", "YAMADA TARO"),
        DemoCall("09045218834"),
        DemoCall(None, reason=Reason.WITHHELD, answered=False, rings=3),
        DemoCall("0456712390", "HOKUTO BUTSURYU"),
        DemoCall("+14155550142", "JOHNSON EMILY"),
        DemoCall("0312340000"),
        DemoCall("08033459912", answered=False, rings=4),
        DemoCall(None, reason=Reason.PAYPHONE),
    ]
    rng.shuffle(calls[1:])
    return calls
