"""Phone parsing: the forms real lines and real people produce."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.core.errors import InvalidInput
from appliance.core.normalize import PhoneParts, parse_phone, phone_lookup_keys

TOKYO = PhoneParts(e164="+81312345678", national="0312345678", region="JP", valid=True)


@pytest.mark.parametrize(
    "raw",
    [
        "0312345678",
        "03-1234-5678",
        "03(1234)5678",
        "０３ー１２３４ー５６７８",
        "０３－１２３４－５６７８",
        "312345678",
        "+81312345678",
        "+81 3-1234-5678",
        "0081312345678",
        "010-81-3-1234-5678",
        "001 010 81 3 1234 5678",
        "81312345678",
    ],
)
def test_every_form_of_a_tokyo_number_parses_the_same(raw: str) -> None:
    assert parse_phone(raw) == TOKYO
    assert phone_lookup_keys(raw) == ["+81312345678", "0312345678"]


def test_mobile_and_free_dial() -> None:
    assert parse_phone("090-1234-5678").e164 == "+819012345678"
    free = parse_phone("0120-123-456")
    assert (free.e164, free.national, free.valid) == ("+81120123456", "0120123456", True)


def test_foreign_number_in_japan_and_at_home() -> None:
    from_jp = parse_phone("001 010 1 201 555 0123")
    assert (from_jp.e164, from_jp.region) == ("+12015550123", "US")
    us = parse_phone("(201) 555-0123", region="US")
    assert us == PhoneParts("+12015550123", "2015550123", "US", True)
    assert parse_phone("0044 20 7946 0958").e164 == "+442079460958"


def test_short_numbers_and_extensions_keep_their_digits() -> None:
    assert parse_phone("117") == PhoneParts(None, "117", None, False)
    assert phone_lookup_keys("201") == ["201"]


@pytest.mark.parametrize("raw", ["", "   ", "abc", "03-1234-5678 ext 5", "1" * 30, "田中"])
def test_garbage_is_refused_with_a_clear_message(raw: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_phone(raw)
    assert "phone number" in str(info.value)
    assert "電話番号" in str(info.value)


def test_unknown_country_code_is_refused() -> None:
    with pytest.raises(InvalidInput, match="country code"):
        parse_phone("+999123")


@given(st.text(max_size=30))
def test_parse_phone_never_fails_with_anything_but_invalid_input(raw: str) -> None:
    try:
        parts = parse_phone(raw)
    except InvalidInput:
        return
    assert parts.national.isdigit()
    assert parts.e164 is None or parts.e164.startswith("+")


@settings(deadline=None)
@given(st.from_regex(r"0[1-9][0-9]{8,9}", fullmatch=True).filter(lambda d: d[:3] != "010"))
def test_japanese_fast_path_agrees_with_phonenumbers(digits: str) -> None:
    import phonenumbers

    parts = parse_phone(digits)
    number = phonenumbers.parse(digits, "JP")
    if not phonenumbers.is_possible_number(number):
        assert parts.e164 is None
        return
    national = "".join(
        c
        for c in phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        if c.isdigit()
    )
    assert parts.e164 == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert parts.national == national
    assert parts.valid == phonenumbers.is_valid_number(number)


@settings(deadline=None, max_examples=300)
@given(
    st.sampled_from(["US", "GB", "DE", "FR", "JP", "AU"]),
    st.from_regex(r"[1-9][0-9]{5,11}", fullmatch=True),
)
def test_national_digits_match_the_national_format(region: str, digits: str) -> None:
    import phonenumbers

    parts = parse_phone(digits, region)
    if parts.e164 is None:
        return
    number = phonenumbers.parse(digits, region)
    national = "".join(
        c
        for c in phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        if c.isdigit()
    )
    assert parts.national == national


def test_numbers_are_shown_in_the_home_form_and_international_abroad() -> None:
    from appliance.core.normalize import display_phone

    assert display_phone("+819012345678") == "090-1234-5678"
    assert display_phone("+81312345678") == "03-1234-5678"
    assert display_phone("+14155550142") == "+1 415-555-0142"
    assert display_phone("+14155550142", "US") == "(415) 555-0142"


@settings(deadline=None, max_examples=500)
@given(st.from_regex(r"[1-9][0-9]{1,18}", fullmatch=True))
def test_the_significant_digits_fast_path_parses_as_phonenumbers_does(digits: str) -> None:
    import phonenumbers

    from appliance.core.normalize import _parse

    try:
        expected = phonenumbers.parse(digits, "JP")
    except phonenumbers.NumberParseException:
        with pytest.raises(phonenumbers.NumberParseException):
            _parse(digits, "JP")
        return
    assert _parse(digits, "JP") == expected


def _parse_phone_plainly(raw: str, region: str) -> PhoneParts:
    """parse_phone by phonenumbers alone: no fast paths, no caches."""
    import phonenumbers

    from appliance.core import normalize

    digits = normalize._international(normalize._digits(raw), region)
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException as exc:
        if digits.startswith("+"):
            raise InvalidInput("unknown country code") from exc
        return PhoneParts(None, digits, None, False)
    if not phonenumbers.is_possible_number(number):
        return PhoneParts(None, digits.lstrip("+"), None, False)
    fmt = phonenumbers.PhoneNumberFormat
    return PhoneParts(
        phonenumbers.format_number(number, fmt.E164),
        "".join(c for c in phonenumbers.format_number(number, fmt.NATIONAL) if c.isdigit()),
        phonenumbers.region_code_for_number(number),
        phonenumbers.is_valid_number(number),
    )


def test_parse_phone_agrees_with_phonenumbers_alone_on_many_numbers() -> None:
    import random

    from faker import Faker

    rng = random.Random(5)
    ja, en = Faker("ja_JP"), Faker("en_US")
    ja.seed_instance(5)
    en.seed_instance(5)
    raws = [ja.phone_number() for _ in range(1500)] + [en.phone_number() for _ in range(1500)]
    digits = "0123456789"
    raws += ["".join(rng.choices(digits, k=rng.randint(2, 18))) for _ in range(3000)]
    raws += [f"+{rng.randint(1, 999)}{rng.randint(10**5, 10**11)}" for _ in range(500)]
    raws += ["0" + r for r in raws[:600]] + ["81" + r for r in raws[:300]]
    checked = 0
    for raw in raws:
        for region in ("JP", "US"):
            try:
                expected = _parse_phone_plainly(raw, region)
            except InvalidInput:
                with pytest.raises(InvalidInput):
                    parse_phone.__wrapped__(raw, region)
                continue
            assert parse_phone.__wrapped__(raw, region) == expected, (raw, region)
            checked += 1
    assert checked > 12000
