"""NCID out: a known customer's name goes out, the call log comes from stored calls."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest

from appliance import ncid
from appliance.contract import CallOut, PopOut
from appliance.contract.pop import PopCustomerOut
from appliance.core.events import EventHub
from appliance.ncid import NcidConfig, NcidServer, call_log_line
from drivers.base import CallerId, Direction, Reason, Ring
from firmware_bridge.factory import make_driver
from firmware_bridge.ncid.client import NcidClientParser, parse_fields
from firmware_bridge.ncid.driver import NcidDriver

AT = dt.datetime(2026, 12, 7, 17, 40)


class Sent:
    """What the server sends to clients, recorded through send_line."""

    def __init__(self, server: NcidServer) -> None:
        self.lines: list[str] = []
        self.any = asyncio.Event()
        original = server.send_line

        def record(line: str, *, keep: bool = False) -> None:
            self.lines.append(line)
            self.any.set()
            original(line, keep=keep)

        server.send_line = record  # type: ignore[method-assign]

    def names(self) -> list[str]:
        return [parse_fields(x.partition(":")[2])["NAME"] for x in self.lines if x[:4] == "CID:"]


@pytest.fixture
async def following() -> AsyncIterator[tuple[NcidServer, EventHub, Sent]]:
    server, hub = NcidServer(NcidConfig(log_size=5)), EventHub()
    sent = Sent(server)
    task = asyncio.create_task(server.follow(hub))
    await asyncio.sleep(0)
    yield server, hub, sent
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def _pop(line: str, *names: str) -> dict[str, object]:
    customers = [PopCustomerOut(customer_id=i, display_name=n) for i, n in enumerate(names)]
    pop = PopOut(call_id=1, line=line, at=AT, number="0399997704", customers=customers)
    return pop.model_dump(mode="json")


async def _settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


async def test_known_customer_name_replaces_the_line_name(
    following: tuple[NcidServer, EventHub, Sent],
) -> None:
    server, hub, sent = following
    server.publish(CallerId("1", number="0399997704", name="NO NAME"))
    assert sent.names() == []  # waiting for the lookup
    hub.publish("pop", _pop("1", "鈴木 一郎"))
    await _settle()
    assert sent.names() == ["鈴木 一郎"]


async def test_several_customers_or_none_keep_the_line_name(
    following: tuple[NcidServer, EventHub, Sent],
) -> None:
    server, hub, sent = following
    server.publish(CallerId("1", number="0399997704", name="SUZUKI"))
    hub.publish("pop", _pop("1", "鈴木 一郎", "鈴木 花子"))
    await _settle()
    server.publish(CallerId("2", number="0399997705"))
    hub.publish("pop", _pop("2"))
    await _settle()
    assert sent.names() == ["SUZUKI", "NO NAME"]


async def test_without_a_pop_the_line_goes_out_after_the_hold(
    following: tuple[NcidServer, EventHub, Sent], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, _hub, sent = following
    monkeypatch.setattr(ncid, "HOLD_S", 0.01)
    server.publish(CallerId("1", number="0399997704", name="SUZUKI"))
    await asyncio.wait_for(sent.any.wait(), 5)
    assert sent.names() == ["SUZUKI"]


async def test_the_next_event_of_the_line_releases_a_held_caller_id(
    following: tuple[NcidServer, EventHub, Sent],
) -> None:
    server, _hub, sent = following
    server.publish(CallerId("1", number="0399997704", name="SUZUKI"))
    server.publish(Ring("1", count=1))
    assert [x[:8] for x in sent.lines] == ["CID: *DA", "CIDINFO:"]


def test_stored_calls_become_log_lines_with_the_customer_name() -> None:
    call = CallOut(
        id=1,
        line="line1",
        direction="in",
        state="ended",
        started_at=AT,
        number="0399997704",
        caller_name="SUZUKI",
        customer_name="鈴木 一郎",
    )
    fields = parse_fields(call_log_line(call).partition(":")[2])
    assert (fields["NMBR"], fields["NAME"], fields["LINE"]) == ("0399997704", "鈴木 一郎", "line1")
    withheld = call.model_copy(update={"number": "", "reason": "P", "customer_name": None})
    assert "*NMBR*PRIVATE*" in call_log_line(withheld)
    out = call.model_copy(update={"direction": "out"})
    assert call_log_line(out).startswith("OUT:")


def test_loaded_log_comes_before_live_calls_and_is_capped() -> None:
    server = NcidServer(NcidConfig(log_size=3))
    server.send_line("CID: live", keep=True)
    server.load_log(["CID: a", "CID: b", "CID: c"])
    assert "CIDLOG: b" in server._startup(no_log=False)
    assert server._startup(no_log=False).index("CIDLOG: c") < server._startup(False).index(
        "CIDLOG: live"
    )
    assert "CIDLOG: a" not in server._startup(no_log=False)


def test_two_ncid_sources_name_their_lines_apart() -> None:
    shop, office = make_driver("ncid", "shop"), make_driver("ncid", "office")
    assert isinstance(shop, NcidDriver) and isinstance(office, NcidDriver)
    wire = b"CID: *DATE*12072026*TIME*1740*LINE*1*NMBR*0399997704*MESG*NONE*NAME*X*\r\n"
    lines = []
    for driver in (shop, office):
        parser = NcidClientParser(default_line=driver.name, line_prefix=driver.line_prefix)
        (event,) = parser.feed(wire).events
        lines.append(event.line)
    assert lines == ["shop-1", "office-1"]
    pbx = make_driver("ncid", "x", options={"line_prefix": "pbx-"})
    assert isinstance(pbx, NcidDriver) and pbx.line_prefix == "pbx-"


def test_reason_and_direction_survive_the_log() -> None:
    event = CallerId("1", reason=Reason.WITHHELD, direction=Direction.OUTBOUND, at=AT)
    line = ncid.format_event(event, name="鈴木 一郎")
    assert line is not None and line.startswith("OUT:") and "*NAME*鈴木 一郎*" in line


def test_after_an_unlock_stored_calls_replace_the_lines_kept_while_locked() -> None:
    server = NcidServer(NcidConfig(log_size=5))
    server.send_line("CID: while locked", keep=True)
    mark = server.log_mark()
    server.send_line("CID: during the load", keep=True)
    server.load_log(["CID: stored earlier", "CID: while locked"], since=mark)
    replay = [x for x in server._startup(no_log=False).splitlines() if x.startswith("CIDLOG")]
    assert replay == ["CIDLOG: stored earlier", "CIDLOG: while locked", "CIDLOG: during the load"]
