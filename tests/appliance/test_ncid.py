"""NCID output: a real socket, read back by the NCID client line parser."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from hypothesis import given, settings

from appliance.ncid import (
    CLIENT_MAX_LINE,
    ClientInput,
    NcidConfig,
    NcidServer,
    format_event,
    format_msg,
)
from drivers.base import CallerId, OnHook, Reason, Ring, RingingStopped
from firmware_bridge.ncid.client import NcidClientParser, parse_fields
from tests.overlong import Smuggle, smuggled

AT = datetime(2026, 11, 22, 9, 5, 7)


async def _read_until(reader: asyncio.StreamReader, marker: bytes) -> bytes:
    data = b""
    while marker not in data:
        chunk = await asyncio.wait_for(reader.read(4096), 2)
        assert chunk, f"connection closed before {marker!r}: {data!r}"
        data += chunk
    return data


@pytest.fixture
async def server() -> AsyncIterator[NcidServer]:
    srv = NcidServer(NcidConfig(enabled=True, host="127.0.0.1", port=0, allow=["127.0.0.0/8"]))
    await srv.start()
    yield srv
    await srv.stop()


def test_format_lines_match_ncid_fields() -> None:
    cid = format_event(CallerId("1", number="0312345678", name="山田*太郎", at=AT))
    assert cid is not None and cid.startswith("CID: *DATE*11222026*TIME*0905*LINE*1*")
    assert parse_fields(cid.partition(":")[2]) == {
        "DATE": "11222026",
        "TIME": "0905",
        "LINE": "1",
        "NMBR": "0312345678",
        "MESG": "NONE",
        "NAME": "山田 太郎",
    }
    withheld = format_event(CallerId("1", reason=Reason.WITHHELD, at=AT))
    assert withheld is not None and "*NMBR*PRIVATE*" in withheld
    assert format_event(Ring("1", count=2, at=AT)) == "CIDINFO: *LINE*1*RING*2*TIME*09:05:07*"
    assert format_event(RingingStopped("1", at=AT)) == "CIDINFO: *LINE*1*RING*0*TIME*09:05:07*"
    assert format_msg("line\r\ndown", AT).startswith("MSG: line  down ***DATE*11222026*")


async def test_live_calls_reach_a_stock_client_parser(server: NcidServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    parser = NcidClientParser()
    greeting = await _read_until(reader, b"210 API")
    sent = parser.feed(greeting).send
    writer.write(("\r\n".join(sent) + "\r\n").encode())
    startup = await _read_until(reader, b"300 End")
    assert b"251 Call log not sent" in startup  # the client asked for no_log
    parser.feed(startup)
    assert parser.started and parser.server.startswith("Server: ringdesk")
    await asyncio.sleep(0.01)
    server.publish(Ring("2", count=1, at=AT))
    server.publish(CallerId("2", number="09012345678", name="Sato Hanako", at=AT))
    server.publish(OnHook("2", at=AT))
    data = await _read_until(reader, b"END:")
    events = parser.feed(data).events
    assert [type(e).__name__ for e in events] == ["Ring", "CallerId", "OffHook", "OnHook"]
    cid = events[1]
    assert isinstance(cid, CallerId)
    assert (cid.number, cid.name, cid.line) == ("09012345678", "Sato Hanako", "ncid-2")
    writer.write(b"REQ: YO\r\n")
    assert b"ACK: REQ: YO" in await _read_until(reader, b"ACK:")
    writer.close()


async def test_log_replay_for_a_client_that_wants_it(server: NcidServer) -> None:
    server.publish(CallerId("1", number="0312345678", name="Tanaka", at=AT))
    server.publish(CallerId("1", reason=Reason.WITHHELD, at=AT))
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    data = await _read_until(reader, b"300 End")
    lines = data.decode().split("\r\n")
    start = lines.index("254 Start of call log")
    assert lines[start + 1].startswith("CIDLOG: *DATE*11222026")
    assert "*NMBR*PRIVATE*" in lines[start + 2]
    assert lines[start + 3] == "250 End of call log"
    writer.close()


async def test_peer_outside_allow_list_is_refused() -> None:
    srv = NcidServer(NcidConfig(enabled=True, host="127.0.0.1", port=0, allow=["192.168.1.0/24"]))
    await srv.start()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.port)
        assert await asyncio.wait_for(reader.read(), 2) == b""
        writer.close()
    finally:
        await srv.stop()


async def test_off_by_default_opens_nothing() -> None:
    srv = NcidServer(NcidConfig(port=0))
    await srv.start()
    assert not NcidConfig().enabled
    assert not srv.listening
    await srv.stop()


def test_bad_allow_list_entry_is_named() -> None:
    with pytest.raises(ValueError, match="not-a-net"):
        NcidConfig(allow=["not-a-net"]).networks()


def test_client_input_hello_then_keepalive() -> None:
    client = ClientInput()
    assert client.feed(b"HELLO: IDENT: client x 1\r\nHELLO: CMD: no_log\r\nREQ: YO\r\n") == []
    assert client.no_log
    client.started = True
    assert client.feed(b"REQ: YO\r\n") == ["ACK: REQ: YO"]


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(CLIENT_MAX_LINE, b"HELLO: CMD: no_log\r\n"))
def test_client_input_no_hello_from_an_overlong_line(stream: Smuggle) -> None:
    client = ClientInput()
    for chunk in stream.chunks():
        client.feed(chunk)
    assert not client.no_log


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(smuggled(CLIENT_MAX_LINE, b"REQ: YO\r\n"))
def test_client_input_no_reply_to_an_overlong_line(stream: Smuggle) -> None:
    client = ClientInput()
    client.started = True
    assert not [r for chunk in stream.chunks() for r in client.feed(chunk)]
