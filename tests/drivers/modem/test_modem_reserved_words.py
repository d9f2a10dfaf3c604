"""Modem caller-ID text: reserved words in number and name fields are reasons, never values."""

from __future__ import annotations

from drivers.base import CallerId, Reason
from drivers.modem.cidlines import CidLineParser


def _calls(data: bytes) -> list[CallerId]:
    parser = CidLineParser()
    return [e for e in [*parser.feed(data), *parser.flush()] if isinstance(e, CallerId)]


def test_reserved_words_in_labelled_fields() -> None:
    (call,) = _calls(b"DATE = 1207\r\nTIME = 1740\r\nNMBR = NO-NUMBER\r\nNAME = NO NAME\r\n")
    assert (call.number, call.reason, call.name, call.name_reason) == (
        None,
        Reason.OUT_OF_AREA,
        None,
        None,
    )
    (call,) = _calls(b"NMBR = -\r\nNAME = ANONYMOUS\r\n")
    assert (call.number, call.reason, call.name_reason) == (None, Reason.WITHHELD, Reason.WITHHELD)
