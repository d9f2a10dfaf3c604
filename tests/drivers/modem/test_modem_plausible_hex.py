"""Modem hex SDMF/MDMF messages are checked field by field after their checksum."""

from __future__ import annotations

from drivers.base import CallerId, Reason, Unparsed
from drivers.modem.cidlines import CidLineParser


def _mdmf_hex(fields: list[tuple[int, bytes]]) -> bytes:
    body = b"".join(bytes([c, len(v)]) + v for c, v in fields)
    msg = bytes([0x80, len(body)]) + body
    return (msg + bytes([-sum(msg) % 256])).hex().upper().encode()


def _events(data: bytes) -> list[object]:
    parser = CidLineParser()
    return [*parser.feed(data), *parser.flush()]


def _calls(data: bytes) -> list[CallerId]:
    return [e for e in _events(data) if isinstance(e, CallerId)]


def test_hex_with_a_flipped_name_is_received_with_errors() -> None:
    good = [(0x01, b"12071740"), (0x02, b"0399997704"), (0x07, b"SUZUKI ICHIRO")]
    bad = [(0x01, b"12071740"), (0x02, b"0399997704"), (0x07, b"SUZUKI \xc9\xc3HIRO")]
    assert _mdmf_hex(good)[-2:] == _mdmf_hex(bad)[-2:]  # same checksum
    (ok,) = _calls(_mdmf_hex(good) + b"\r\n")
    assert ok.name == "SUZUKI ICHIRO"
    (err,) = _calls(_mdmf_hex(bad) + b"\r\n")
    assert (err.reason, err.number, err.name) == (Reason.ERROR, None, None)
    assert err.raw == (_mdmf_hex(bad).decode(),)


def test_hex_with_an_impossible_date_or_a_letter_in_the_number() -> None:
    for fields in (
        [(0x01, b"02301740"), (0x02, b"0399997704")],
        [(0x01, b"12071740"), (0x02, b"03999977O4")],
    ):
        (err,) = _calls(_mdmf_hex(fields) + b"\r\n")
        assert err.reason is Reason.ERROR


def test_bad_checksum_is_still_kept_raw() -> None:
    text = bytearray(_mdmf_hex([(0x02, b"0399997704")]))
    text[-1:] = b"0" if text[-1:] != b"0" else b"1"
    events = _events(bytes(text) + b"\r\n")
    assert not [e for e in events if isinstance(e, CallerId)]
    assert any(isinstance(e, Unparsed) for e in events)
