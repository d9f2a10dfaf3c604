"""No caller ever comes from the tail of an overlong modem line (caller-ID lines, AT session)."""

from __future__ import annotations

from hypothesis import given, settings

from drivers.base import CallerId
from drivers.modem.at import _MAX_LINE as AT_MAX_LINE
from drivers.modem.at import AtSession, caller_ids
from drivers.modem.cidlines import _MAX_LINE, CidLineParser
from tests.overlong import Smuggle, smuggled


def _mdmf_hex(number: bytes, name: bytes) -> bytes:
    body = bytes([0x02, len(number)]) + number + bytes([0x07, len(name)]) + name
    msg = bytes([0x80, len(body)]) + body
    return (msg + bytes([-sum(msg) % 256])).hex().upper().encode()


HEX_CALL = _mdmf_hex(b"0399997704", b"FAKE") + b"\r\n"
TEXT_CALL = b"NMBR = 0399997704\r\n"


def _cid(chunks: list[bytes]) -> list[CallerId]:
    parser = CidLineParser()
    events = [e for c in chunks for e in parser.feed(c)] + parser.flush()
    return [e for e in events if isinstance(e, CallerId)]


def _at(chunks: list[bytes]) -> list[CallerId]:
    session = AtSession()
    items = [x for c in chunks for x in session.receive(c, 1.0)]
    return caller_ids(items + session.poll(9.0) + session.flush())


def test_each_call_line_alone_is_a_call() -> None:
    for call in (HEX_CALL, TEXT_CALL):
        assert [c.number for c in _cid([call])] == ["0399997704"]
        assert [c.number for c in _at([call])] == ["0399997704"]


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(_MAX_LINE, HEX_CALL))
def test_cid_lines_no_call_from_an_overlong_hex_line(stream: Smuggle) -> None:
    assert not _cid(stream.chunks())


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(_MAX_LINE, TEXT_CALL))
def test_cid_lines_no_call_from_an_overlong_text_line(stream: Smuggle) -> None:
    assert not _cid(stream.chunks())


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(AT_MAX_LINE, HEX_CALL))
def test_at_session_no_call_from_an_overlong_hex_line(stream: Smuggle) -> None:
    assert not _at(stream.chunks())


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(AT_MAX_LINE, TEXT_CALL))
def test_at_session_no_call_from_an_overlong_text_line(stream: Smuggle) -> None:
    assert not _at(stream.chunks())


def test_at_session_reads_the_line_after_an_overlong_one() -> None:
    data = b"x" * 2000 + b"\r\n" + TEXT_CALL
    assert [c.number for c in _at([data[:700], data[700:]])] == ["0399997704"]
