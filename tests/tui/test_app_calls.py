"""Pops on the desk app (Pilot) against the in-process box API: over any screen, several lines,
others' claims, unknown and shared numbers."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, OptionList

from appliance.contract import PopCustomerOut, PopOut
from tests.tui.conftest import Box, desk_app, screen_text, seeded_call, until
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog
from tui.dialogs.search import SearchDialog
from tui.screens.card import CustomerScreen


async def test_pop_over_search_lists_several_lines_and_shows_who_took_one(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await pilot.press("f2")  # the operator is searching when the phone rings
        await until(lambda: isinstance(app.screen, SearchDialog))
        first = await box.pop(11, "1", customer_id=2)
        await until(lambda: 11 in app.state.calls)
        assert isinstance(app.screen, SearchDialog)  # before the first letter: the pop waits
        await pilot.press("x")
        app.clock.advance(2.0)  # type: ignore[attr-defined]  # a letter, then a pause
        await until(lambda: isinstance(app.screen, PopDialog))
        second = await box.pop(12, "2", customer_id=4)
        await until(lambda: len(app.state.ringing()) == 2)
        lines = app.screen.query_one("#lines", OptionList)
        await until(lambda: bool(lines.display) and lines.option_count == 2)
        box.publish(
            "call",
            {
                "id": 11,
                "line": "1",
                "direction": "in",
                "state": "answered",
                "started_at": first["at"],
                "user_name": "suzuki",
                "desk_name": "厨房",
                "event": "claimed",
            },
        )
        await until(lambda: app.state.calls[11].claimed_by == "suzuki")
        await pilot.pause()
        text = screen_text(app)
        assert "suzuki が応対中" in text
        assert second["customers"][0]["display_name"] in text
        assert isinstance(app.screen_stack[-2], SearchDialog)  # still underneath, untouched
        for call in (11, 12):
            box.publish(
                "call",
                {
                    "id": call,
                    "line": "1",
                    "direction": "in",
                    "state": "ended",
                    "started_at": first["at"],
                },
            )
        await until(lambda: isinstance(app.screen, SearchDialog))  # nothing live: pop closes


async def test_claim_opens_the_card_and_a_second_claim_is_refused(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        call_id, customer_id, pop = await seeded_call(box)
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.press("c")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.state.calls[call_id].claimed_by_me
        assert app.screen.card is not None and app.screen.card.id == customer_id  # type: ignore[attr-defined]
    other = Keystore(keystore.root.parent / "other")
    async with desk_app(box, other, user="smith") as (app2, pilot2):
        box.publish("pop", pop)
        await until(lambda: isinstance(app2.screen, PopDialog))
        await pilot2.press("c")
        await until(lambda: app2.state.calls[call_id].claimed_by is not None)
        assert not app2.state.calls[call_id].claimed_by_me
        assert app2.state.calls[call_id].claimed_by == "田中 花子"  # who has it
        await pilot2.pause()
        assert "田中 花子 が応対中" in screen_text(app2)


def _pop(call_id: int, customers: list[PopCustomerOut], number: str) -> dict[str, object]:
    return PopOut(
        call_id=call_id,
        line="2",
        at=dt.datetime.now(dt.UTC),
        number=number,
        number_display=number,
        customers=customers,
        shared=len(customers) > 1,
    ).model_dump(mode="json")


async def test_unknown_number_gets_a_blank_card_with_the_number(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        box.publish("pop", _pop(31, [], "090-4417-2386"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.pause()
        assert "Unknown number" in screen_text(app)
        await pilot.press("n")
        await until(lambda: isinstance(app.screen, CustomerScreen))
        card = app.screen
        assert card.query_one("#f-phone", Input).value == "090-4417-2386"
        card.query_one("#f-display_name", Input).value = "新井 美咲"
        card.query_one("#f-reading", Input).value = "あらい みさき"
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
    async with DeskApi(keystore) as api:
        found = await api.lookup("09044172386")
    assert [c.display_name for c in found] == ["新井 美咲"]


async def test_unknown_number_attached_to_a_customer_found_by_search(
    box: Box, keystore: Keystore
) -> None:
    call_id, _, _ = await seeded_call(box, nth=1)
    async with desk_app(box, keystore) as (app, pilot):
        assert app.api is not None
        target = (await app.api.customer(5)).display_name
        box.publish("pop", _pop(call_id, [], "03-5550-1717"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.press("a")
        await until(lambda: isinstance(app.screen, SearchDialog))
        app.screen.query_one("#q", Input).value = target.split()[0]
        await until(lambda: any(c.id == 5 for c in app.screen.found))  # type: ignore[attr-defined]
        search = app.screen
        assert isinstance(search, SearchDialog)
        search.dismiss(5)
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.state.calls[call_id].customer_id == 5


async def test_shared_number_picks_from_the_list(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        assert app.api is not None
        a, b = await app.api.customer(6), await app.api.customer(7)
        people = [PopCustomerOut(customer_id=c.id, display_name=c.display_name) for c in (a, b)]
        box.publish("pop", _pop(41, people, "03-3300-1200"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.pause()
        assert "共有の番号" in screen_text(app)
        matches = app.screen.query_one("#matches", OptionList)
        assert matches.display and matches.option_count == 2
        await pilot.press("down", "enter")  # the second person: their card opens
        await until(lambda: app.state.calls[41].customer_id == b.id)
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.screen.card is not None and app.screen.card.id == b.id  # type: ignore[attr-defined]
