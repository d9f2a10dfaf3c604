"""After the checksum, every field must be plausible: else "received with errors" (reason E)."""

from __future__ import annotations

import numpy as np

from drivers.base import Reason
from drivers.callerid import sanity, synth
from drivers.callerid.bellcore import check_frame
from drivers.callerid.decoder import decode_samples
from drivers.callerid.fsk import V23
from drivers.soundcard.events import to_event

GOOD_NAME = b"SUZUKI ICHIRO"
FLIPPED_NAME = b"SUZUKI \xc9\xc3HIRO"  # I and C with their top bit set: the same sum mod 256


def _frame(name: bytes) -> bytes:
    return synth.mdmf([(0x01, b"12071740"), (0x02, b"0399997704"), (0x07, name)])


def test_flipped_top_bits_pass_the_checksum_but_not_the_name_check() -> None:
    good, bad = _frame(GOOD_NAME), _frame(FLIPPED_NAME)
    assert good[-1] == bad[-1] and sum(bad) % 256 == 0
    assert check_frame(good) is not None
    assert check_frame(bad) is None


def test_flipped_name_heard_as_received_with_errors_with_raw_bits() -> None:
    for mode, standard in ((None, "class"), (V23, "clip")):
        sig = synth.fsk(_frame(FLIPPED_NAME), mode) if mode else synth.fsk(_frame(FLIPPED_NAME))
        x = np.concatenate([synth.silence(0.1), sig, synth.silence(0.5)])
        (got,) = decode_samples(x, standard)
        assert got.errors
        assert "c9 c3" in got.raw  # the bytes as received are kept
        event = to_event(got, "line1")
        assert event.reason is Reason.ERROR and event.number is None and event.name is None


def test_names_are_7_bit_printable() -> None:
    assert sanity.is_text("O'BRIEN J-P.")
    assert not sanity.is_text("SUZUKI \xc9\xc3HIRO")
    assert not sanity.is_text("BAD\x07BELL")
    assert not sanity.is_text("   ")


def test_dates_must_exist() -> None:
    assert sanity.is_datetime("02291200")
    assert sanity.is_datetime("12311759")
    for bad in ("02301200", "04311200", "13011200", "00011200", "01002400", "01011260", "0101120"):
        assert not sanity.is_datetime(bad), bad


def test_numbers_are_digits_and_the_standards_symbols() -> None:
    assert sanity.is_number("0399997704") and sanity.is_number("+81 3-9999-7704")
    for bad in ("NO-NUMBER", "-", "03999977O4", "", "#", "0" * 21):
        assert not sanity.is_number(bad), bad
