"""Whozz Calling records and packets: the corpus samples, call sequences, garbage, splits."""

from __future__ import annotations

from pathlib import Path

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
from firmware_bridge.whozz import CallRecord, DetailRecord, parse_packet, parse_record
from firmware_bridge.whozz.emulator import EmulatedCall, call_records
from firmware_bridge.whozz.packet import build_packet
from firmware_bridge.whozz.samples import score
from firmware_bridge.whozz.serial_lines import WhozzSerialParser
from firmware_bridge.whozz.translate import WhozzTranslator

CORPUS = Path(__file__).parent / "data" / "wc_samples.txt"


def test_comprehensive_record_fields() -> None:
    rec = parse_record("01 I E 0276 G B3 09/26 11:28 PM 800-240-4637 CallerID.com")
    assert isinstance(rec, CallRecord)
    assert (rec.line, rec.inbound, rec.start, rec.duration_s, rec.checksum_good) == (
        1,
        True,
        False,
        276,
        True,
    )
    assert (rec.ring_type, rec.ring_count, rec.time, rec.number, rec.name) == (
        "B",
        3,
        "23:28",
        "800-240-4637",
        "CallerID.com",
    )


def test_limited_memory_and_detail_formats() -> None:
    limited = parse_record("$01 09/26 02:30 PM 8002404637 I CallerID.com")
    assert isinstance(limited, CallRecord) and limited.number == "8002404637"
    memory = parse_record("0248 02 09/26 13:28 I E 0276 G A3 800-555-1212 AT&T INFORMATIO")
    assert isinstance(memory, CallRecord) and memory.line == 2 and memory.name == "AT&T INFORMATIO"
    detail = parse_record("02 N     11/07 10:46:23")
    assert isinstance(detail, DetailRecord) and detail.kind == "N"


def test_ethernet_packet_unit_and_serial() -> None:
    raw = build_packet(35193, 0x848884, "01 I S 0000 G A0 12/17 04:54 PM 770-263-7111 CALLERID")
    packet = parse_packet(raw)
    assert packet is not None
    assert (packet.unit, packet.serial) == (35193, "00-00-008488-84")
    assert packet.record.startswith("01 I S")


def test_every_corpus_record_parses() -> None:
    parsed, total, failures = score(CORPUS.read_text(encoding="utf-8"))
    assert failures == [] and parsed == total == 10


def test_answered_inbound_call_events() -> None:
    tr = WhozzTranslator()
    events = []
    for rec in call_records(EmulatedCall(1, "03-1234-5678", "ヤマダ タロウ", rings=2)):
        events += tr.record(7, rec)
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["Ring", "Ring", "CallerId", "OffHook", "OnHook"]
    cid = events[2]
    assert isinstance(cid, CallerId) and cid.number == "0312345678" and cid.line == "wc7-01"
    assert isinstance(events[1], Ring) and events[1].count == 2


def test_unanswered_call_ends_with_ringing_stopped_and_outbound_direction() -> None:
    tr = WhozzTranslator()
    events = []
    for rec in call_records(EmulatedCall(3, "Private", "", rings=4, answered=False)):
        events += tr.record(1, rec)
    cid = next(e for e in events if isinstance(e, CallerId))
    assert cid.number is None and cid.reason is Reason.WITHHELD
    assert isinstance(events[-1], RingingStopped) and events[-1].rings == 4
    out = tr.record(1, "02 O E 0030 G A0 09/26 11:28 AM 0312345678     ")
    assert isinstance(out[0], CallerId) and out[0].direction is Direction.OUTBOUND
    assert [type(e) for e in out[1:]] == [OffHook, OnHook]


def test_without_detail_records_an_end_with_duration_means_answered() -> None:
    tr = WhozzTranslator()
    start = tr.record(2, "01 I S 0000 G A0 09/26 11:28 AM 0452123456     YOKOHAMA")
    end = tr.record(2, "01 I E 0125 G A2 09/26 11:28 AM 0452123456     YOKOHAMA")
    assert [type(e) for e in start] == [CallerId]
    assert [type(e) for e in end] == [OffHook, OnHook]


def test_serial_tci_byte_by_byte_and_garbage_kept() -> None:
    parser = WhozzSerialParser()
    wire = b"\x00\xffzz\r\n02 I S 0000 G A0 9/26 01:28 AM    7702637111           CALLERID.COM\r\n"
    events = []
    for b in wire:
        events += parser.feed(bytes([b]))
    assert isinstance(events[0], Unparsed)
    assert isinstance(events[1], CallerId) and events[1].number == "7702637111"


@given(st.binary(max_size=200))
def test_random_packets_never_crash(blob: bytes) -> None:
    tr = WhozzTranslator()
    packet = parse_packet(b"^^<U>" + blob)
    if packet is not None:
        tr.record(packet.unit, packet.record)
    WhozzSerialParser(tr).feed(blob)


@given(st.data())
def test_serial_split_anywhere(data: st.DataObject) -> None:
    wire = "".join(r + "\r\n" for r in call_records(EmulatedCall(2, "0312345678", "A"))).encode()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(wire)), max_size=10)))
    whole = [type(e) for e in WhozzSerialParser().feed(wire)]
    parser = WhozzSerialParser()
    got = []
    prev = 0
    for cut in [*cuts, len(wire)]:
        got += [type(e) for e in parser.feed(wire[prev:cut])]
        prev = cut
    assert got == whole


def test_record_without_number_or_name_and_bad_checksum() -> None:
    rec = parse_record("01 I S 0000 B A0 9/26 01:28 AM")
    assert isinstance(rec, CallRecord) and rec.number == "" and not rec.checksum_good
    (cid,) = WhozzTranslator().record(3, "01 I S 0000 B A0 9/26 01:28 AM")
    assert isinstance(cid, CallerId) and cid.number is None and "checksum=BAD" in cid.raw
    assert cid.when == "09260128"
