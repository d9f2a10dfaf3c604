"""The two layouts: a kitchen ticket shows what to cook and no prices; a delivery slip shows who,
where, every amount and the tax per rate in the Japanese receipt form."""

from __future__ import annotations

import dataclasses

from appliance.printing.layout import Row, layout
from tests.appliance.printing.slips import american_slip, japanese_slip


def _texts(rows: list[Row]) -> list[str]:
    return [f"{r.text}|{r.right}" for r in rows if not r.rule]


def test_the_kitchen_ticket_has_the_items_large_and_no_prices() -> None:
    slip = japanese_slip("kitchen")
    rows = layout(slip)
    texts = "\n".join(_texts(rows))
    assert "天ざるそば|×2" in texts and "・大盛り (+¥100)|" in texts
    assert "★ わさび抜き|" in texts and "備考: 領収書をお願いします|" in texts
    assert "お届け予定 19:35|" in texts and f"No. {slip.order_no}|" in texts
    assert "¥" not in texts.replace("(+¥100)", "")
    assert all(r.scale == 2 for r in rows if r.right.startswith("×"))
    assert "品数 4" in texts


def test_the_delivery_slip_has_customer_address_totals_and_tax_per_rate() -> None:
    slip = japanese_slip()
    texts = _texts(layout(slip))
    joined = "\n".join(texts)
    assert f"{slip.customer_name} 様|" in texts and f"電話 {slip.phone}|" in texts
    for line in slip.address.splitlines():
        assert f"{line}|" in texts
    assert "配達メモ: 裏口からお願いします。犬がいます|" in texts
    assert "※天ざるそば ×2|¥2,760" in texts and "瓶ビール ×1|¥660" in texts
    assert texts.index("小計|¥4,400") < texts.index("配達料|¥300") < texts.index("合計|¥4,700")
    assert "(10%対象 ¥960|内消費税 ¥87)" in texts
    assert "(※8%対象 ¥3,740|内消費税 ¥277)" in texts
    assert "※は軽減税率対象商品|" in texts
    assert "お預り|¥10,000" in texts and "お釣り|¥5,300" in texts
    assert "住所 (地図)|" in joined


def test_a_us_pickup_slip_is_in_english_and_dollars() -> None:
    texts = _texts(layout(american_slip()))
    assert "Subtotal|$21.50" in texts and "Total|$23.25" in texts
    assert "(Taxable at 8.875% $21.50|incl. tax $1.75)" in texts
    assert "Ready at ASAP|" in texts and "Payment|Card" in texts
    assert "ORDER SLIP / Pick-up|" in texts
    assert not any("※" in t or "Change" in t for t in texts)


def test_a_slip_without_a_promise_time_says_as_soon_as_possible() -> None:
    slip = dataclasses.replace(japanese_slip(), promise_at=None, qr_payload="", delivery_fee=0)
    texts = _texts(layout(slip))
    assert "お届け予定 至急|" in texts
    assert not any(t.startswith(("配達料", "住所 (地図)")) for t in texts)
