"""A slip keeps everything through its stored JSON; change and QR links are worked out right."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlparse

import pytest

from appliance.printing.labels import money, when
from appliance.printing.slip import Payment, Slip, address_qr, slip_from_json, slip_to_json
from tests.appliance.printing.slips import american_slip, japanese_slip


@pytest.mark.parametrize("slip", [japanese_slip(), japanese_slip("kitchen"), american_slip()])
def test_a_slip_survives_its_stored_json(slip: Slip) -> None:
    assert slip_from_json(slip_to_json(slip)) == slip


def test_change_is_for_cash_with_an_amount_only() -> None:
    assert Payment("cash", 10000).change(4700) == 5300
    assert Payment("cash", 4700).change(4700) == 0
    assert Payment("cash").change(4700) is None
    assert Payment("card", 10000).change(4700) is None


def test_the_qr_opens_the_address_or_the_coordinates() -> None:
    link = urlparse(address_qr("東京都渋谷区神宮前1-2-3  メゾン 201"))
    assert parse_qs(link.query)["query"] == ["東京都渋谷区神宮前1-2-3 メゾン 201"]
    exact = urlparse(address_qr("anything", 35.6702, 139.7027))
    assert parse_qs(exact.query)["query"] == ["35.670200,139.702700"]


def test_a_slip_without_items_or_with_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="item"):
        dataclasses.replace(japanese_slip(), items=())
    with pytest.raises(ValueError, match="kind"):
        dataclasses.replace(japanese_slip(), kind="receipt")  # type: ignore[arg-type]


def test_amounts_and_times_are_written_as_the_shop_writes_them() -> None:
    assert money(128000, "JPY") == "¥128,000"
    assert money(-100, "JPY") == "-¥100"
    assert money(123456, "USD") == "$1,234.56"
    assert money(5, "CHF") == "0.05 CHF"
    slip = japanese_slip()
    assert when(slip.ordered_at, "ja") == "12/7(月) 19:02"
    assert when(slip.ordered_at, "en") == "Mon Dec 7 19:02"
