"""Each source's events drive the box's per-line call machine to the expected call story."""

from __future__ import annotations

from appliance.core.calls.machine import LineCallMachine
from drivers.base import RING_TIMEOUT_S, LineEvent
from firmware_bridge.linecard.driver import LineCardTranslator
from firmware_bridge.linecard.firmware.core import LineCardCore
from firmware_bridge.linecard.firmware.sim import SimCall, SimExchange, SimHal
from firmware_bridge.ncid import NcidClientParser
from firmware_bridge.nd import NdFrameParser
from firmware_bridge.nd.emulator import encode_frame, frame_body
from firmware_bridge.whozz.emulator import EmulatedCall, call_records
from firmware_bridge.whozz.translate import WhozzTranslator


def story(line: str, events: list[LineEvent]) -> list[str]:
    machine = LineCallMachine(line, ring_timeout_s=RING_TIMEOUT_S)
    return [t.kind for e in events for t in machine.feed(e)]


def test_whozz_answered_and_missed_calls() -> None:
    tr = WhozzTranslator()
    records = call_records(EmulatedCall(1, "0312345678", "A"))
    answered = [e for r in records for e in tr.record(5, r)]
    assert story("wc5-01", answered) == [
        "started",
        "ring",
        "ring",
        "identified",
        "answered",
        "ended",
    ]
    missed = [
        e
        for r in call_records(EmulatedCall(1, "0312345678", "A", answered=False))
        for e in tr.record(5, r)
    ]
    assert story("wc5-01", missed)[-1] == "missed"


def test_nd_adapter_call_is_identified() -> None:
    result = NdFrameParser("line1").feed(encode_frame(frame_body(1, 2, 3, 4, 5, "0312345678")), 0)
    assert story("line1", result.events) == ["started", "identified"]


def test_ncid_ring_and_caller() -> None:
    wire = (
        b"200 Server: ncidd\r\n300 End\r\nCIDINFO: *LINE*POTS*RING*1*\r\n"
        b"CID: *DATE*0101*TIME*1200*LINE*POTS*NMBR*0312345678*NAME*X*\r\n"
        b"CIDINFO: *LINE*POTS*RING*0*\r\n"
    )
    assert story("ncid-POTS", NcidClientParser().feed(wire).events) == [
        "started",
        "ring",
        "identified",
        "missed",
    ]


def test_ncid_call_answered_on_a_handset_is_told_at_hang_up() -> None:
    wire = (
        b"200 Server: ncidd\r\n300 End\r\nCIDINFO: *LINE*POTS*RING*1*\r\n"
        b"CID: *DATE*0101*TIME*1200*LINE*POTS*NMBR*0312345678*NAME*X*\r\n"
        b"CIDINFO: *LINE*POTS*RING*0*\r\nCIDINFO: *LINE*POTS*RING*-2*\r\n"
    )
    assert story("ncid-POTS", NcidClientParser().feed(wire).events) == [
        "started",
        "ring",
        "identified",
        "missed",
        "answered",
        "ended",
    ]


def test_line_card_number_display_call() -> None:
    hal = SimHal(SimExchange([SimCall(start_ms=0, number="0312345678", rings=2)]))
    core = LineCardCore(hal)
    tr = LineCardTranslator("line1")
    events: list[LineEvent] = []
    while hal.now < 25_000:
        core.step(hal.now)
        hal.now += 10
        events += tr.feed(bytes(hal.to_host))
        hal.to_host.clear()
    kinds = story("line1", events)
    assert kinds[:2] == ["started", "ring"]  # the CAR burst opens the call
    assert "identified" in kinds and kinds[-1] == "missed"
    assert kinds.index("identified") < kinds.index("ring", 2)
