"""No caller from the tail of an overlong line: NCID, ISDN TA, Whozz serial, line card."""

from __future__ import annotations

from hypothesis import given, settings

from drivers.base import CallerId, LineEvent, Unparsed
from firmware_bridge.linecard.driver import LineCardTranslator
from firmware_bridge.linecard.framing import MAX_PAYLOAD
from firmware_bridge.linecard.protocol.messages import CidFields
from firmware_bridge.linecard.protocol.stream import encode
from firmware_bridge.ncid.client import MAX_LINE, NcidClientParser
from firmware_bridge.nd.ta_line import MAX_LINE as TA_MAX_LINE
from firmware_bridge.nd.ta_line import TaLineParser
from firmware_bridge.whozz.serial_lines import MAX_RECORD, WhozzSerialParser
from tests.overlong import Smuggle, smuggled

NCID_CALL = b"CID: *DATE*12072026*TIME*1740*LINE*1*NMBR*0399997704*MESG*NONE*NAME*FAKE*\r\n"
TA_CALL = b"RING_ANALOG_0399997704/\r\n"
WHOZZ_CALL = b"01 I S 0000 G A0 12/17 04:54 PM 039-999-7704 FAKE\r\n"
CARD_CALL = encode(CidFields(0, 0x80, ((0x02, b"0399997704"), (0x07, b"FAKE"))))


def _calls(events: list[LineEvent]) -> list[CallerId]:
    return [e for e in events if isinstance(e, CallerId)]


def _ncid(chunks: list[bytes]) -> list[LineEvent]:
    parser = NcidClientParser()
    return [e for c in chunks for e in parser.feed(c).events]


def _ta(chunks: list[bytes]) -> list[LineEvent]:
    parser = TaLineParser("ta")
    return [e for c in chunks for e in parser.feed(c)]


def _whozz(chunks: list[bytes]) -> list[LineEvent]:
    parser = WhozzSerialParser()
    return [e for c in chunks for e in parser.feed(c)]


def _card(chunks: list[bytes]) -> list[LineEvent]:
    card = LineCardTranslator("card")
    return [e for c in chunks for e in card.feed(c)]


def test_each_call_line_alone_is_a_call() -> None:
    assert _calls(_ncid([NCID_CALL]))[0].number == "0399997704"
    assert _calls(_ta([TA_CALL]))[0].number == "0399997704"
    assert _calls(_whozz([WHOZZ_CALL]))
    assert _calls(_card([CARD_CALL]))[0].number == "0399997704"


def test_ncid_msg_relay_attack_is_dropped_whole() -> None:
    attack = b"MSG: " + b"x" * (MAX_LINE - 4) + NCID_CALL
    events = _ncid([attack, b"CIDINFO: *LINE*1*RING*1*\r\n"])
    assert not _calls(events)
    assert isinstance(events[0], Unparsed)


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(MAX_LINE, NCID_CALL))
def test_ncid_no_call_from_an_overlong_line(stream: Smuggle) -> None:
    assert not _calls(_ncid(stream.chunks()))


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(TA_MAX_LINE, TA_CALL))
def test_isdn_ta_no_call_from_an_overlong_line(stream: Smuggle) -> None:
    assert not _calls(_ta(stream.chunks()))


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(MAX_RECORD, WHOZZ_CALL))
def test_whozz_serial_no_call_from_an_overlong_record(stream: Smuggle) -> None:
    assert not _calls(_whozz(stream.chunks()))


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(MAX_PAYLOAD + 9, CARD_CALL, ends=b"\x00"))
def test_line_card_no_call_from_an_overlong_frame(stream: Smuggle) -> None:
    assert not _calls(_card(stream.chunks()))


def test_after_an_overlong_line_the_next_line_is_read() -> None:
    events = _ncid([b"MSG: " + b"y" * MAX_LINE + b"\r\n" + NCID_CALL])
    assert [c.number for c in _calls(events)] == ["0399997704"]
