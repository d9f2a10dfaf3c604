"""The slip a test print puts on a printer: its name, the time, Japanese text and a QR code,
so the shop sees the paper, the font, the cutter and the QR at once."""

from __future__ import annotations

import datetime as dt

from appliance.printing.slip import Payment, Slip, SlipItem, TaxLine, address_qr

SAMPLE_ADDRESS = "東京都千代田区千代田1-1"


def trial_slip(printer: str, language: str = "ja", now: dt.datetime | None = None) -> Slip:
    """A delivery slip naming `printer`, at `now` (the box's local time by default)."""
    at = now or dt.datetime.now().replace(second=0, microsecond=0)
    ja = language == "ja"
    return Slip(
        kind="delivery",
        shop_name=f"{'印字テスト' if ja else 'Print test'}: {printer}",
        order_no="TEST",
        business_date=at.date(),
        ordered_at=at,
        promise_at=at,
        items=(
            SlipItem("日本語の印字 (漢字・かな・カナ)", 1, 1080, ("オプション (+¥100)",), "", True),
            SlipItem("ABC abc 0123456789", 1, 110),
        ),
        customer_name="印字 確認" if ja else "Test Print",
        phone="03-0000-0000",
        address=SAMPLE_ADDRESS,
        subtotal=1190,
        taxes=(TaxLine(8, 1080, 80, reduced=True), TaxLine(10, 110, 10)),
        total=1190,
        payment=Payment("cash", 2000),
        qr_payload=address_qr(SAMPLE_ADDRESS),
        language="ja" if ja else "en",
    )
