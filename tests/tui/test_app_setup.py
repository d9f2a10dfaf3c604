"""First run (zeroconf on loopback, pairing code, login), later runs, a lost box recovered,
language and theme switched."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input, OptionList

from appliance.discovery import Advertiser, BoxAd
from tests.tui.conftest import BOX_IDENTITY, PASSWORD, Box, desk_app, screen_text, until
from tests.tui.fake_box import fake_desk_app
from tui.app import DeskOptions, build_app
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog
from tui.i18n import set_language
from tui.screens.base import Body
from tui.screens.connect import ConnectScreen
from tui.screens.home import HomeScreen, RecentCalls
from tui.screens.login import LoginScreen

LOOP = ["127.0.0.1"]


async def test_first_run_finds_the_box_pairs_and_logs_in(box: Box, keystore: Keystore) -> None:
    ad = BoxAd("ringdesk-寿司處", "127.0.0.1", box.port, BOX_IDENTITY.fingerprint, locked=False)
    advertiser = Advertiser(ad, interfaces=LOOP)
    await advertiser.start()
    try:
        app = build_app(keystore, DeskOptions(interfaces=LOOP), lang="ja")
        async with app.run_test(size=(120, 40)) as pilot:
            await until(lambda: isinstance(app.screen, ConnectScreen))
            connect = app.screen
            ours = f"127.0.0.1:{box.port}"
            found = connect.query_one("#boxes", OptionList)
            # another box on loopback (a demo running beside the tests) may be listed too
            await until(
                lambda: any(
                    found.get_option_at_index(i).id == ours for i in range(found.option_count)
                ),
                15,
            )
            found.highlighted = next(
                i for i in range(found.option_count) if found.get_option_at_index(i).id == ours
            )
            found.action_select()  # picking it from the list fills the address
            await until(lambda: connect.query_one("#address", Input).value == ours)
            await pilot.pause()
            assert "ringdesk-寿司處" in screen_text(app)
            connect.query_one("#code", Input).value = box.open_pairing()
            await pilot.press("enter")  # the code field has focus
            await until(
                lambda: isinstance(app.screen, LoginScreen) and bool(app.screen.query("#user")),
                15,
                lambda: (
                    app.screen_stack,
                    connect.query_one("#pair-error").render(),
                    app._notifications,
                ),
            )
            login = app.screen
            login.query_one("#user", Input).value = "tanaka"
            login.query_one("#password", Input).value = PASSWORD
            await pilot.press("enter", "enter")  # user name, then password
            await until(
                lambda: isinstance(app.screen, HomeScreen) and app.state.connected,
                15,
                lambda: (app.screen_stack, app.link_text),
            )
            assert app.state.user is not None and app.state.user.username == "tanaka"
            await pilot.pause()
            assert "接続中" in screen_text(app) and "tanaka" in screen_text(app)
    finally:
        await advertiser.stop()
    assert keystore.paired and keystore.box() is not None
    assert keystore.box().name == "ringdesk-寿司處"  # type: ignore[union-attr]
    # a later run: no questions, straight to home with the stream up
    again = build_app(keystore, DeskOptions(), lang="en")
    async with again.run_test(size=(120, 40)):
        await until(lambda: again.state.connected and isinstance(again.screen, HomeScreen))
        assert again.state.user is not None


async def test_wrong_code_says_so_and_stays(box: Box, keystore: Keystore) -> None:
    app = build_app(keystore, DeskOptions(interfaces=LOOP), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: isinstance(app.screen, ConnectScreen))
        connect = app.screen
        connect.query_one("#address", Input).value = f"127.0.0.1:{box.port}"
        code = box.open_pairing()
        connect.query_one("#code", Input).value = f"{(int(code) + 3) % 10**8:08d}"
        await pilot.click("#pair")
        await until(lambda: "wrong code" in str(connect.query_one("#pair-error").render()))
        assert isinstance(app.screen, ConnectScreen) and not keystore.paired


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


@pytest.mark.parametrize(
    ("typed", "paste"),
    [
        (lambda code: f"{code[:4]} {code[4:]}", False),  # as the box prints it
        (lambda code: f"{code[:4]} {code[4:]}", True),  # copied from the box's console
        (lambda code: f"{code[:4]}-{code[4:]}", False),
        (lambda code: _full_width(f"{code[:4]}－{code[4:]}"), False),  # an IME left on
        (lambda code: _full_width(f"{code[:4]}\u3000{code[4:]}"), True),  # its space too
    ],
    ids=["printed", "printed-pasted", "hyphen", "full-width", "full-width-pasted"],
)
async def test_the_code_is_taken_as_a_person_types_it(
    box: Box, keystore: Keystore, typed: Any, paste: bool
) -> None:
    app = build_app(keystore, DeskOptions(interfaces=LOOP), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: isinstance(app.screen, ConnectScreen))
        connect = app.screen
        connect.query_one("#address", Input).value = f"127.0.0.1:{box.port}"
        field = connect.query_one("#code", Input)
        field.focus()
        await pilot.press(*"ab")  # letters are not part of a code
        assert field.value == ""
        code = typed(box.open_pairing())
        if paste:
            field.post_message(events.Paste(code))
        for ch in "" if paste else code:  # keys as a terminal sends them (Pilot.press knows
            app.post_message(events.Key(_character_to_key(ch), ch))  # no full-width "－")
            await pilot.pause()
        await until(lambda: field.value == code, 3, lambda: repr(field.value))
        await pilot.press("enter")
        await until(
            lambda: isinstance(app.screen, LoginScreen),
            15,
            lambda: connect.query_one("#pair-error").render(),
        )
    assert keystore.paired


async def test_lost_box_is_shown_and_recovered_without_losing_a_pop(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        box.publish("ring", {"call_id": 76, "line": "1", "count": 1})
        await until(lambda: app.last_seq is not None)
        port = box.port
        await box.server.stop()  # the box goes away...
        await until(lambda: not app.state.connected)
        await pilot.pause()
        assert "connection lost" in screen_text(app)  # shown on the status line
        data = await box.pop(77, "1", customer_id=2)  # ...a call comes in meanwhile...
        await box.restart([keystore.identity().cert_pem])  # ...and it is back
        assert box.port == port
        await until(
            lambda: isinstance(app.screen, PopDialog),
            15,
            lambda: (app.link_text, app.state.link_note, app.last_seq, app.screen_stack),
        )
        assert app.state.connected and app.link_text == "connected"
        assert (
            app.state.calls[77].pop.customers[0].display_name
            == (data["customers"][0]["display_name"])
        )


async def test_language_and_theme_switch(keystore: Keystore) -> None:
    async with fake_desk_app(keystore, lang="ja") as (app, pilot, _box):
        await pilot.pause()
        assert "最近の通話" in screen_text(app) and "検索" in screen_text(app)
        await pilot.press("f7")
        await until(lambda: "Recent calls" in screen_text(app))
        await pilot.pause()
        hints = [line for line in screen_text(app).splitlines() if "F1" in line]
        assert hints and "Search" in hints[0], screen_text(app)  # the key hints too
        assert keystore.prefs()["lang"] == "en"
        dark = app.theme
        await pilot.press("f8")
        assert app.theme != dark and keystore.prefs()["theme"] == app.theme
    set_language("ja")


async def test_results_arriving_during_a_relabel_wait_for_the_new_tables(
    box: Box, keystore: Keystore, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with desk_app(box, keystore, lang="ja") as (app, pilot):
        home = app.screen
        assert isinstance(home, HomeScreen)
        calls = await app.api.calls(limit=5)  # type: ignore[union-attr]
        assert calls
        mount_all = Body.mount_all

        async def page_lands_meanwhile(body: Body, *args: Any, **kwargs: Any) -> None:
            await mount_all(body, *args, **kwargs)  # new tables, no columns yet...
            home.post_message(RecentCalls(calls))  # ...when a load started before the switch ends
            await asyncio.sleep(0.05)

        monkeypatch.setattr(Body, "mount_all", page_lands_meanwhile)
        await pilot.press("f7")
        await until(lambda: "Recent calls" in screen_text(app))
        await until(lambda: home.ready)
        await pilot.pause()
        table = home.query_one("#recent", DataTable)
        assert len(table.columns) == 6 and table.row_count == len(home.recent) > 0
    set_language("ja")
