"""The desk against a fake box client (DeskApp's client factory): the screens' behaviour where
a real box adds nothing — a pop arrives, a claim is sent, a refused claim says who has it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from appliance.contract import PopCustomerOut, PopOut
from tests.tui.conftest import screen_text, until
from tests.tui.fake_box import fake_desk_app
from tui.client.errors import ApiError
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog


def _pop(call_id: int) -> dict[str, Any]:
    card = PopCustomerOut(
        customer_id=7, display_name="佐藤 花子", reading="さとう はなこ", vip=True, call_count=3
    )
    pop = PopOut(
        call_id=call_id,
        line="1",
        at=dt.datetime.now(dt.UTC),
        number="0335551234",
        number_display="03-3555-1234",
        customers=[card],
    )
    return pop.model_dump(mode="json")


async def test_a_refused_claim_on_a_fake_box_says_who_has_the_call(keystore: Keystore) -> None:
    def refused(_body: Any, _params: dict[str, Any]) -> Any:
        raise ApiError(409, "応対中です / taken", {"detail": "taken", "user_name": "John Smith"})

    async with fake_desk_app(keystore) as (app, pilot, box):
        assert ("POST", "/login", {"username": "tanaka", "password": "pw"}) in box.requests
        box.routes[("POST", "/calls/501/claim")] = refused
        box.publish("pop", _pop(501))
        await until(lambda: isinstance(app.screen, PopDialog))
        await until(lambda: "佐藤 花子" in screen_text(app))
        await pilot.press("c")
        await until(lambda: app.state.calls[501].claimed_by is not None)
        assert ("POST", "/calls/501/claim", None) in box.requests
        assert not app.state.calls[501].claimed_by_me
        assert app.state.calls[501].claimed_by == "John Smith"
        await until(lambda: "John Smith が応対中" in screen_text(app))
