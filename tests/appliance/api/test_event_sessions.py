"""A paired desk's event stream carries customer data only while a session is live on it: the
raw caller ID without one, and again after a logout; replays follow the same rule."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import websockets
from routes_office import KITCHEN, OFFICE_BOX, RECEPTION, Office

from appliance.contract import PopOut
from appliance.contract.pop import PopCustomerOut, PopNoteOut
from appliance.contract.tls import client_context

AT = dt.datetime(2026, 12, 7, 18, 30, tzinfo=dt.UTC)
SECRET_BITS = ("西村", "にしむら", "京都市左京区", "卵アレルギー", "西村工務店")


def _pop(call_id: int) -> dict[str, Any]:
    card = PopCustomerOut(
        customer_id=7,
        display_name="西村 美咲",
        reading="にしむら みさき",
        company="西村工務店",
        address="京都市左京区北白川 3-12",
        pinned_notes=[PopNoteOut(body="卵アレルギー", at=AT)],
    )
    pop = PopOut(
        call_id=call_id,
        line="line1",
        at=AT,
        number="0757214433",
        number_display="075-721-4433",
        cid_name="NISHIMURA",
        customers=[card],
    )
    return pop.model_dump(mode="json")


async def _next(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        event: dict[str, Any] = json.loads(await ws.recv())
        if event["kind"] == kind:
            return event


def _leaks(event: dict[str, Any]) -> list[str]:
    text = json.dumps(event, ensure_ascii=False)
    return [bit for bit in SECRET_BITS if bit in text]


async def test_without_a_session_a_pop_is_the_raw_caller_id(office: Office) -> None:
    hub = office.server.state.hub
    url, ctx = (
        f"wss://127.0.0.1:{office.server.port}/events",
        client_context(KITCHEN, OFFICE_BOX.cert_pem),
    )
    async with websockets.connect(url, ssl=ctx) as ws:
        hub.publish("customer", {"customer_id": 7, "version": 3})  # not for this stream
        hub.publish("callback_due", {"customer_name": "西村 美咲"})  # nor this
        hub.publish("pop", _pop(1))
        pop = await _next(ws, "pop")
    assert pop["data"]["number"] == "0757214433" and pop["data"]["cid_name"] == "NISHIMURA"
    assert pop["data"]["customers"] == [] and _leaks(pop) == []
    assert PopOut.model_validate(pop["data"]).customers == []  # still a whole pop


async def test_a_session_brings_the_card_and_a_logout_takes_it_away(office: Office) -> None:
    hub = office.server.state.hub
    token = await office.login(KITCHEN, "kato")
    url, ctx = (
        f"wss://127.0.0.1:{office.server.port}/events",
        client_context(KITCHEN, OFFICE_BOX.cert_pem),
    )
    session = {"Authorization": f"Bearer {token}"}
    async with websockets.connect(url, ssl=ctx, additional_headers=session) as ws:
        hub.publish("pop", _pop(1))
        with_card = await _next(ws, "pop")
        assert with_card["data"]["customers"][0]["display_name"] == "西村 美咲"
        logout = await office.client(KITCHEN, token).post("/logout")
        assert logout.status_code == 204
        hub.publish("pop", _pop(2))
        after = await _next(ws, "pop")
    assert after["data"]["call_id"] == 2 and _leaks(after) == []


async def test_a_replay_without_a_session_has_no_customer_data(office: Office) -> None:
    hub = office.server.state.hub
    first = hub.publish("ring", {"call_id": 1, "line": "line1", "count": 1, "at": AT.isoformat()})
    hub.publish("pop", _pop(1))
    hub.publish("customer", {"customer_id": 7, "version": 4})
    url = f"wss://127.0.0.1:{office.server.port}/events?since={first.seq - 1}"
    async with websockets.connect(url, ssl=client_context(RECEPTION, OFFICE_BOX.cert_pem)) as ws:
        ring, pop = json.loads(await ws.recv()), json.loads(await ws.recv())
        hub.publish("status", {"locked": False})
        status = json.loads(await ws.recv())  # the customer event was left out, not delayed
    assert [ring["kind"], pop["kind"], status["kind"]] == ["ring", "pop", "status"]
    assert _leaks(pop) == []


async def test_a_token_of_another_desk_brings_no_card(office: Office) -> None:
    hub = office.server.state.hub
    reception_token = await office.login(RECEPTION, "sato")
    url, ctx = (
        f"wss://127.0.0.1:{office.server.port}/events",
        client_context(KITCHEN, OFFICE_BOX.cert_pem),
    )
    stolen = {"Authorization": f"Bearer {reception_token}"}
    async with websockets.connect(url, ssl=ctx, additional_headers=stolen) as ws:
        hub.publish("pop", _pop(1))
        pop = await _next(ws, "pop")
    assert _leaks(pop) == []
