"""NCID client lines from the protocol samples: greeting, calls, log replay, garbage, splits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import (
    CallerId,
    Direction,
    OffHook,
    OnHook,
    Reason,
    Ring,
    RingingStopped,
    Unparsed,
)
from firmware_bridge.ncid import NcidClientParser, parse_fields
from firmware_bridge.ncid.client import IDENT, NO_LOG

SESSION = (
    "200 Server: ncidd (NCID) 1.13\r\n"
    "210 API: 1.12 Feature Set 1 2 3 4 5\r\n"
    "254 Start of call log\r\n"
    "CIDLOG: *DATE*06022002*TIME*0923*LINE*-*NMBR*4075551212*MESG*NONE*NAME*WIRELESS CALL*\r\n"
    "LOG: # Aug  1 00:30:01 localhost newsyslog[35020]: logfile turned over\r\n"
    "250 End of call log\r\n"
    'OPT: LineIDs: "POTS" "WORK 1"\r\n'
    "300 End of connection startup\r\n"
    "CIDINFO: *LINE*POTS*RING*1*TIME*12:60:23*\r\n"
    "CID: *DATE*03102003*TIME*1710*LINE*POTS*NMBR*0312345678*MESG*NONE*NAME*ヤマダ タロウ*\r\n"
    "CIDINFO: *LINE*POTS*RING*2*TIME*17:11:20*\r\n"
    "CIDINFO: *LINE*POTS*RING*0*TIME*17:11:25*\r\n"
    "OUT: *DATE*03032022*TIME*0935*LINE*WC09*NMBR*4185558765*MESG*NONE*NAME*WIRELESS CALLER*\r\n"
    "END: *HTYPE*BYE*DATE*03032022*TIME*0935*CTYPE*OUT*LINE*WC09*NMBR*4185558765*\r\n"
    "BLK: *DATE*08042002*TIME*2351*LINE*A*NMBR*PRIVATE*MESG*NONE*NAME*PRIVATE*\r\n"
    "CID: *DATE*01032003*TIME*1254*NMBR*9415557218*MESG*NONE*NAME*SARASOTA, FL*\r\n"
    "+MSG: forwarded ***DATE*08012014*\r\n"
    "MSG: Too many clients connected: 25\r\n"
    "WAT? no label here\r\n"
).encode()


def _kinds(events: list[object]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_whole_session() -> None:
    parser = NcidClientParser()
    result = parser.feed(SESSION)
    assert result.send == [IDENT, NO_LOG]
    assert parser.started and parser.server == "Server: ncidd (NCID) 1.13"
    assert _kinds(result.events) == [
        "Ring",
        "CallerId",
        "Ring",
        "RingingStopped",
        "CallerId",
        "OffHook",
        "OnHook",
        "CallerId",
        "OnHook",
        "CallerId",
        "Unparsed",
    ]
    ring, cid, ring2, stopped, out, _bye, end, blk, _blk_end, old, junk = result.events
    assert isinstance(ring, Ring) and ring.line == "ncid-POTS" and ring.count == 1
    assert isinstance(cid, CallerId) and (cid.number, cid.name, cid.when) == (
        "0312345678",
        "ヤマダ タロウ",
        "03101710",
    )
    assert isinstance(ring2, Ring) and ring2.count == 2 and isinstance(stopped, RingingStopped)
    assert isinstance(out, CallerId) and out.direction is Direction.OUTBOUND
    assert isinstance(end, OnHook) and end.line == "ncid-WC09"
    assert isinstance(blk, CallerId) and blk.reason is Reason.WITHHELD and blk.number is None
    assert isinstance(old, CallerId) and old.line == "ncid" and old.name == "SARASOTA, FL"
    assert isinstance(junk, Unparsed) and junk.raw == b"WAT? no label here"


def test_byte_at_a_time_equals_whole() -> None:
    whole = NcidClientParser().feed(SESSION).events
    parser = NcidClientParser()
    events = []
    for b in SESSION:
        events += parser.feed(bytes([b])).events
    assert events == whole


def test_fields_by_label() -> None:
    assert parse_fields("*LINE*POTS*RING*-1*") == {"LINE": "POTS", "RING": "-1"}
    (hup,) = NcidClientParser().feed(b"CIDINFO: *LINE*POTS*RING*-1*\n").events
    assert isinstance(hup, OnHook) and hup.remote


def test_hang_up_after_a_pickup_reports_the_pickup() -> None:
    """RING -2 and END HTYPE BYE: the call was answered on some phone, then it ended; the
    pickup is told late, at the time the ringing stopped when RING 0 came first."""
    parser = NcidClientParser()
    assert _kinds(parser.feed(b"CIDINFO: *LINE*POTS*RING*-2*\n").events) == ["OffHook", "OnHook"]
    (stopped,) = parser.feed(b"CIDINFO: *LINE*POTS*RING*0*\n").events
    picked, hung = parser.feed(b"CIDINFO: *LINE*POTS*RING*-2*\n").events
    assert isinstance(picked, OffHook) and picked.late and picked.at == stopped.at
    assert isinstance(hung, OnHook) and hung.at >= picked.at
    bye = b"END: *HTYPE*BYE*LINE*POTS*NMBR*0312345678*\n"
    assert _kinds(parser.feed(bye).events) == ["OffHook", "OnHook"]
    cancel = b"END: *HTYPE*CANCEL*LINE*POTS*NMBR*0312345678*\n"
    assert _kinds(parser.feed(cancel).events) == ["OnHook"]


@given(st.data())
def test_split_anywhere(data: st.DataObject) -> None:
    whole = _kinds(NcidClientParser().feed(SESSION).events)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(SESSION)), max_size=12)))
    parser = NcidClientParser()
    got: list[object] = []
    prev = 0
    for cut in [*cuts, len(SESSION)]:
        got += parser.feed(SESSION[prev:cut]).events
        prev = cut
    assert _kinds(got) == whole


@given(st.binary(max_size=400))
def test_garbage_never_crashes(blob: bytes) -> None:
    NcidClientParser().feed(blob + b"\n")
