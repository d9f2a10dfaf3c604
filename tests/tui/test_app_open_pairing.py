"""An admin pairs another desk from a desk: p on home or the command palette opens pairing on the
box (POST /pair/open) and shows the code as the box prints it with its 5-minute window; the new
desk pairs with it; anyone else is told that only an admin can."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Label

from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.users import create_user
from tests.tui.conftest import PASSWORD, Box, desk_app, screen_text, until
from tui.app import DeskApp, DeskOptions, build_app
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.dialogs.pairing import PairingCodeDialog
from tui.i18n import t
from tui.screens.home import HomeScreen

PRINTED = re.compile(r"\d{4} \d{4}")


def _add_admin() -> None:
    create_user(
        Actor(None, None, "管理者"),
        "yamada",
        role="admin",
        display_name="山田 太郎",
        password_hash=hash_password(PASSWORD),
    )


async def _home(app: DeskApp) -> None:
    await until(lambda: isinstance(app.screen, HomeScreen) and app.state.known)


async def _shown_code(app: DeskApp) -> str:
    await until(
        lambda: isinstance(app.screen, PairingCodeDialog),
        15,
        lambda: (app.screen_stack, list(app._notifications)),
    )
    code = str(app.screen.query_one("#code", Label).render())
    assert PRINTED.fullmatch(code), code
    return code


async def test_an_admin_presses_p_on_home_and_a_new_desk_pairs_with_the_code(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    await box.store.executor.run(_add_admin)
    pairing = box.server.state.pairing
    assert pairing is not None
    async with desk_app(box, keystore, user="yamada", lang="ja") as (app, pilot):
        await _home(app)
        assert not pairing.is_open  # the desk's own pairing closed it
        await until(lambda: "デスク追加" in screen_text(app))  # the key's hint, for an admin
        await pilot.press("p")
        code = await _shown_code(app)
        assert pairing.is_open and code == f"{pairing.code[:4]} {pairing.code[4:]}"
        text = screen_text(app)
        assert "新しいデスクのペアリング" in text and "5 分間" in text
        second = Keystore(tmp_path / "second-desk")
        pinned = await pair(second, "127.0.0.1", box.port, code, desk_name="配達口")
        assert second.paired and pinned.fingerprint == keystore.box().fingerprint  # type: ignore[union-attr]
        assert not pairing.is_open  # single use
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, HomeScreen))


async def test_the_command_palette_offers_it_in_english(box: Box, keystore: Keystore) -> None:
    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="en") as (app, pilot):
        await _home(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"pair a new desk")
        await until(lambda: t("pair.open") in screen_text(app))
        await pilot.press("enter")
        await _shown_code(app)
        assert "Pairing is open for 5 minutes, until" in screen_text(app)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, HomeScreen))


async def test_an_operator_is_told_only_an_admin_can(box: Box, keystore: Keystore) -> None:
    pairing = box.server.state.pairing
    assert pairing is not None
    async with desk_app(box, keystore, user="tanaka", lang="en") as (app, pilot):
        await _home(app)
        await pilot.press("p")  # not an operator's key: nothing happens
        await pilot.pause()
        assert t("pair.open_key") not in screen_text(app)
        assert isinstance(app.screen, HomeScreen) and not pairing.is_open
        app.action_open_pairing()  # what the palette's entry runs
        await until(
            lambda: any(n.message == t("pair.admin_only") for n in app._notifications),
            show=lambda: list(app._notifications),
        )
        assert isinstance(app.screen, HomeScreen) and not pairing.is_open


async def test_a_remembered_admin_session_learns_its_role_from_the_box(
    box: Box, keystore: Keystore
) -> None:
    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="en"):
        pass
    again = build_app(keystore, DeskOptions(), lang="en")  # no password: the kept session
    async with again.run_test(size=(140, 45)) as pilot:
        await _home(again)
        assert again.state.user is not None and again.state.user.role == "admin"
        await pilot.press("p")
        await _shown_code(again)
