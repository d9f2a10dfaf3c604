"""NCID and Whozz reserved words become reason codes, never numbers or names."""

from __future__ import annotations

import pytest

from drivers.base import CallerId, LineEvent, Reason
from firmware_bridge.ncid.client import NcidClientParser
from firmware_bridge.whozz.serial_lines import WhozzSerialParser


def _one(events: list[LineEvent]) -> CallerId:
    (call,) = [e for e in events if isinstance(e, CallerId)]
    return call


def _ncid(nmbr: str, name: str) -> CallerId:
    line = f"CID: *DATE*12072026*TIME*1740*LINE*1*NMBR*{nmbr}*MESG*NONE*NAME*{name}*\r\n"
    return _one(NcidClientParser().feed(line.encode()).events)


@pytest.mark.parametrize(
    ("nmbr", "reason"),
    [
        ("NO-NUMBER", Reason.OUT_OF_AREA),
        ("-", Reason.WITHHELD),
        ("PRIVATE", Reason.WITHHELD),
        ("ANONYMOUS", Reason.WITHHELD),
        ("OUT-OF-AREA", Reason.OUT_OF_AREA),
        ("PAYPHONE", Reason.PAYPHONE),
    ],
)
def test_ncid_reserved_numbers_are_reasons(nmbr: str, reason: Reason) -> None:
    call = _ncid(nmbr, "SUZUKI ICHIRO")
    assert (call.number, call.reason, call.name) == (None, reason, "SUZUKI ICHIRO")


def test_ncid_reserved_names() -> None:
    assert _ncid("0399997704", "NO NAME").name is None
    assert _ncid("0399997704", "-").name is None
    call = _ncid("PRIVATE", "PRIVATE")
    assert (call.number, call.name, call.reason, call.name_reason) == (
        None,
        None,
        Reason.WITHHELD,
        Reason.WITHHELD,
    )
    assert _ncid("0399997704", "ANONYMOUS").name_reason is Reason.WITHHELD


@pytest.mark.parametrize(
    ("number", "reason"),
    [("PRIVATE", Reason.WITHHELD), ("P", Reason.WITHHELD), ("O", Reason.OUT_OF_AREA)],
)
def test_whozz_reserved_numbers_are_reasons(number: str, reason: Reason) -> None:
    record = f"01 I S 0000 G A0 12/17 04:54 PM {number} NO NAME\r\n".encode()
    call = _one(WhozzSerialParser().feed(record))
    assert (call.number, call.reason, call.name) == (None, reason, None)
