"""Addresses read the way each country writes them."""

from __future__ import annotations

from appliance.contract.addresses import address_text


def test_japanese_addresses_run_together_after_the_postal_mark() -> None:
    assert address_text("JP", "231-0023", "神奈川県", "横浜市中区", "山下町1-1", "3F") == (
        "〒231-0023 神奈川県横浜市中区山下町1-1 3F"
    )
    assert (
        address_text("", "", "大阪府", "大阪市北区", "梅田2-4-9", "") == "大阪府大阪市北区梅田2-4-9"
    )
    assert address_text("JP", "150-0001", "Tokyo", "Shibuya-ku", "Jingumae 1-2-3", "") == (
        "〒150-0001 Tokyo Shibuya-ku Jingumae 1-2-3"
    )


def test_western_addresses_go_street_first() -> None:
    assert address_text("US", "94110", "CA", "San Francisco", "2450 Mission St", "Apt 3") == (
        "2450 Mission St, Apt 3, San Francisco, CA 94110"
    )
    assert address_text("gb", "SW1A 2AA", "", "London", "10 Downing St", "") == (
        "10 Downing St, London, SW1A 2AA"
    )
    assert address_text("DE", "10115", "", "Berlin", "Invalidenstraße 116", "") == (
        "Invalidenstraße 116, 10115 Berlin"
    )


def test_an_empty_address_is_empty() -> None:
    assert address_text("JP", "", "", "", "", "") == ""
    assert address_text("US", " ", "", "", "", "") == ""
