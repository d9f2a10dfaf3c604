"""The manager's desk over a real box: an admin opens it with m on home, keeps users (add,
role, disable, password, unlock) and desks (rename, revoke: cut off at once); an operator sees
no key and the box refuses the admin routes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select

from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.users import create_user
from appliance.db.models import Desk, User
from tests.tui.conftest import PASSWORD, Box, desk_app, screen_text, until
from tui.app import DeskApp
from tui.client.desk_api import DeskApi
from tui.client.errors import ApiError, DeskError
from tui.client.keystore import Keystore
from tui.client.manager_api import ManagerApi
from tui.client.pairing import pair
from tui.dialogs.manager_forms import ConfirmDialog, FormDialog
from tui.screens.home import HomeScreen
from tui.screens.manager import ManagerScreen
from tui.screens.manager_desks import DesksPane
from tui.screens.manager_users import UsersPane

NEW_PASSWORD = "kichijoji-park-42"


def _add_admin() -> None:
    create_user(
        Actor(None, None, "管理者"),
        "yamada",
        role="admin",
        display_name="山田 太郎",
        password_hash=hash_password(PASSWORD),
    )


def _user(name: str) -> tuple[int, str, str, bool]:
    """(id, role, display name, hard locked) of a user (db thread)."""
    u = User.get(User.username == name)
    return int(u.id), str(u.role.name), str(u.display_name), bool(u.hard_locked)


async def _manager(app: DeskApp, pilot: object) -> ManagerScreen:
    await until(lambda: isinstance(app.screen, HomeScreen) and app.state.known)
    await pilot.press("m")  # type: ignore[attr-defined]
    await until(lambda: isinstance(app.screen, ManagerScreen))
    screen = app.screen
    assert isinstance(screen, ManagerScreen)
    await until(lambda: len(screen.query_one(UsersPane).users) >= 3)
    return screen


async def _fill(app: DeskApp, pilot: object, values: dict[str, str]) -> None:
    await until(lambda: isinstance(app.screen, FormDialog) and app.screen.ready)
    dialog = app.screen
    for name, value in values.items():
        widget = dialog.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]


def _cursor_to(pane: UsersPane | DesksPane, row_key: str) -> None:
    table = pane.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(row_key))


async def test_an_admin_keeps_users_from_the_desk(box: Box, keystore: Keystore) -> None:
    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="ja") as (app, pilot):
        await until(lambda: "管理" in screen_text(app))  # the key's hint, for an admin
        screen = await _manager(app, pilot)
        pane = screen.query_one(UsersPane)
        text = screen_text(app)
        assert "tanaka" in text and "オペレーター" in text and "管理者" in text
        await pilot.press("a")
        await _fill(
            app,
            pilot,
            {
                "username": "suzuki",
                "display_name": "鈴木 一郎",
                "role": "manager",
                "password": NEW_PASSWORD,
                "confirm": "another-password-9",
            },
        )
        await until(lambda: "一致しません" in screen_text(app))  # checked at the desk
        app.screen.query_one("#f-confirm", Input).value = NEW_PASSWORD
        await pilot.press("ctrl+s")
        await until(lambda: any(u.username == "suzuki" for u in pane.users))
        assert (await box.store.executor.run(_user, "suzuki"))[1:3] == ("manager", "鈴木 一郎")

        tanaka = (await box.store.executor.run(_user, "tanaka"))[0]
        _cursor_to(pane, str(tanaka))
        await pilot.press("r")
        await _fill(app, pilot, {"role": "manager"})
        await until(lambda: pane.current() is not None and pane.current().role == "manager")  # type: ignore[union-attr]
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(lambda: not (pane.current() and pane.current().active))  # type: ignore[union-attr]
        assert "無効" in screen_text(app)

        await pilot.press("w")
        await _fill(app, pilot, {"password": "short", "confirm": "short"})
        await until(lambda: "8文字以上" in screen_text(app))  # nothing sent, nothing lost
        dialog = app.screen
        dialog.query_one("#f-password", Input).value = NEW_PASSWORD
        dialog.query_one("#f-confirm", Input).value = NEW_PASSWORD
        await pilot.press("ctrl+s")
        await until(lambda: any("パスワードを変更" in n.message for n in app._notifications))

        smith = (await box.store.executor.run(_user, "smith"))[0]
        await box.store.executor.run(
            lambda: User.update(hard_locked=True).where(User.id == smith).execute()
        )
        await pilot.press("ctrl+r")
        await until(lambda: any(u.hard_locked for u in pane.users))
        _cursor_to(pane, str(smith))
        await pilot.press("u")
        await until(lambda: not any(u.hard_locked for u in pane.users))
        assert not (await box.store.executor.run(_user, "smith"))[3]


async def test_an_admin_renames_and_revokes_a_desk_in_english(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    await box.store.executor.run(_add_admin)
    second = Keystore(tmp_path / "second-desk")
    await pair(second, "127.0.0.1", box.port, box.open_pairing(), desk_name="配達口")
    async with desk_app(box, keystore, user="yamada", lang="en") as (app, pilot):
        async with DeskApi(second) as other:
            await other.login("tanaka", PASSWORD)
            assert await other.calls(limit=1) is not None
            screen = await _manager(app, pilot)
            await pilot.press("t")  # the desks tab
            pane = screen.query_one(DesksPane)
            await until(lambda: len(pane.desks) == 2 and pane.table.has_focus)
            await until(
                lambda: "(this desk)" in screen_text(app) and "Revoke" in screen_text(app),
                show=lambda: screen_text(app),
            )
            theirs = next(d for d in pane.desks if d.name == "配達口")
            _cursor_to(pane, str(theirs.id))
            await pilot.press("n")
            await _fill(app, pilot, {"name": "レジ横"})
            await until(lambda: any(d.name == "レジ横" for d in pane.desks))
            await pilot.press("v")
            await until(lambda: isinstance(app.screen, ConfirmDialog))
            assert "cut off at once" in screen_text(app)
            await pilot.press("y")
            await until(lambda: any(d.revoked_at for d in pane.desks))
            try:
                await other.calls(limit=1)
            except DeskError:
                pass  # refused from its next request on
            else:
                raise AssertionError("a revoked desk was still served")
            mine = next(d for d in pane.desks if d.id == app.state.desk_id)
            _cursor_to(pane, str(mine.id))
            await pilot.press("v")
            await until(lambda: any("revoke itself" in n.message for n in app._notifications))
        revoked, name = await box.store.executor.run(
            lambda: (lambda d: (d.revoked_at is not None, d.name))(Desk.get_by_id(theirs.id))
        )
        assert revoked and name == "レジ横"


async def test_an_operator_has_no_key_and_the_box_refuses(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, user="tanaka", lang="ja") as (app, pilot):
        await until(lambda: isinstance(app.screen, HomeScreen) and app.state.known)
        assert "管理" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_manager()  # as the palette would, had it offered it
        await until(lambda: any("管理者だけ" in n.message for n in app._notifications))
        assert not isinstance(app.screen, ManagerScreen)
        assert app.api is not None
        try:
            await ManagerApi(app.api).users()
        except ApiError as exc:
            assert exc.status == 403
        else:
            raise AssertionError("an operator was given the users")


def _stored(keys: tuple[str, ...]) -> dict[str, object]:
    from appliance.core import settings

    return settings.stored(keys)


async def test_an_admin_sets_the_hours_closed_days_and_kind(box: Box, keystore: Keystore) -> None:
    from textual.widgets import Checkbox, Label, TextArea

    from appliance.contract.shop import CLOSED_KEY, KIND_KEY, WEEK_KEY
    from tui.screens.manager_settings import SettingsPane

    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="ja", size=(80, 24)) as (app, pilot):
        screen = await _manager(app, pilot)
        await pilot.press("t", "t")
        pane = screen.query_one(SettingsPane)
        await until(lambda: bool(pane.values) and pane.query_one("#set-kind").has_focus)
        pane.query_one("#set-kind", Select).value = "restaurant"
        pane.query_one("#set-mon-closed", Checkbox).value = True
        pane.query_one("#set-fri-open", Input).value = "１７：００"  # typed full-width
        pane.query_one("#set-fri-close", Input).value = "2:00"
        pane.query_one("#set-tue-open", Input).value = "11時"
        pane.query_one("#set-closed-days", TextArea).text = "2026/12/31、2027-01-01\n2027-1-2"
        await pilot.press("ctrl+s")
        error = pane.query_one("#set-error", Label)
        await until(lambda: "火: 時刻は HH:MM" in str(error.render()))
        pane.query_one("#set-tue-open", Input).value = "11:00"
        pane.query_one("#set-region", Input).value = "XX"
        await pilot.press("ctrl+s")
        await until(lambda: "region" in str(error.render()))  # the box's word, nothing stored
        assert await box.store.executor.run(_stored, (KIND_KEY,)) == {}
        assert pane.query_one("#set-fri-open", Input).value == "１７：００"  # nothing lost
        pane.query_one("#set-region", Input).value = "jp"
        await pilot.press("ctrl+s")
        await until(lambda: any("保存しました" in n.message for n in app._notifications))
        got = await box.store.executor.run(_stored, (KIND_KEY, WEEK_KEY, CLOSED_KEY))
        assert got[KIND_KEY] == "restaurant"
        week = got[WEEK_KEY]
        assert isinstance(week, dict)
        assert week["mon"] is None and week["fri"] == ["17:00", "02:00"]
        assert week["tue"] == ["11:00", "21:00"]
        assert got[CLOSED_KEY] == ["2026-12-31", "2027-01-01", "2027-01-02"]
        await until(lambda: pane.query_one("#set-fri-open", Input).value == "17:00")


async def test_an_admin_defines_custom_fields_in_english(box: Box, keystore: Keystore) -> None:
    from tui.screens.manager_fields import FieldsPane

    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="en") as (app, pilot):
        screen = await _manager(app, pilot)
        await pilot.press("t", "t", "t")
        pane = screen.query_one(FieldsPane)
        await until(lambda: pane.table.has_focus and "No fields yet" in screen_text(app))
        await pilot.press("a")
        await _fill(
            app,
            pilot,
            {
                "label": "お席",
                "label_en": "Seat",
                "key": "seat",
                "field_type": "choice",
                "choices": "カウンター、座敷, テラス",
                "position": "１",
            },
        )
        await until(lambda: len(pane.fields) == 1)
        seat = pane.fields[0]
        assert (seat.field_type, seat.choices, seat.position) == (
            "choice",
            ["カウンター", "座敷", "テラス"],
            1,
        )
        await pilot.press("a")
        await _fill(app, pilot, {"label": "来店のきっかけ", "key": "referral", "position": "0"})
        await until(lambda: [f.key for f in pane.fields] == ["referral", "seat"])
        _cursor_to(pane, str(seat.id))
        await pilot.press("e")
        await _fill(app, pilot, {"choices": "カウンター, 座敷", "position": "1"})
        await until(
            lambda: pane.current() is not None and pane.current().choices == ["カウンター", "座敷"]
        )  # type: ignore[union-attr]
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConfirmDialog))
        assert "values are kept" in screen_text(app)
        await pilot.press("y")
        await until(lambda: any(f.retired for f in pane.fields))
        assert "(Retired)" in screen_text(app)
        assert app.api is not None
        shown = await app.api.request("GET", "/fields")
        assert [f["key"] for f in shown] == ["referral"]  # cards no longer get it
        await pilot.press("x")  # a retired field comes back without asking
        await until(lambda: not any(f.retired for f in pane.fields))


async def test_an_admin_hides_the_income_band_from_operators(box: Box, keystore: Keystore) -> None:
    from textual.coordinate import Coordinate

    from appliance.contract.field_rules import RULES_KEY
    from appliance.core.access import field_rules
    from tui.screens.manager_rules import RulesPane

    await box.store.executor.run(_add_admin)
    async with desk_app(box, keystore, user="yamada", lang="ja", size=(80, 24)) as (app, pilot):
        screen = await _manager(app, pilot)
        await pilot.press("t", "t", "t", "t")
        pane = screen.query_one(RulesPane)
        await until(lambda: pane.table.has_focus and len(pane.names) > 10)
        row = pane.table.get_row_index("income_band")
        pane.table.cursor_coordinate = Coordinate(row, 1)  # the operator's column
        await pilot.press("enter", "enter")
        await until(lambda: pane.mode("operator", "income_band") == "hidden")
        pane.table.cursor_coordinate = Coordinate(pane.table.get_row_index("birth_date"), 2)
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await until(lambda: any("制限を保存" in n.message for n in app._notifications))
        stored = await box.store.executor.run(_stored, (RULES_KEY,))
        assert stored[RULES_KEY] == {
            "operator": {"income_band": "hidden"},
            "manager": {"birth_date": "read"},
        }
        hidden = await box.store.executor.run(field_rules.rules_of, "operator")
        assert hidden == {"income_band": "hidden"}


def _name_of(customer_id: int) -> str:
    from appliance.db.models import Customer

    return str(Customer.get_by_id(customer_id).display_name)


async def test_an_admin_reads_the_access_log_with_the_chain_verified(
    box: Box, keystore: Keystore
) -> None:
    from tui.dialogs.search import SearchDialog
    from tui.screens.card import CustomerScreen
    from tui.screens.manager_access import AccessPane

    await box.store.executor.run(_add_admin)
    name = await box.store.executor.run(_name_of, 3)
    async with desk_app(box, keystore, user="yamada", lang="ja", size=(80, 24)) as (app, pilot):
        app.open_customer(3)  # the admin opens a card: that look is logged
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        await pilot.press("escape")
        screen = await _manager(app, pilot)
        await pilot.press(*["t"] * 5)
        pane = screen.query_one(AccessPane)
        await until(lambda: pane.verdict is not None and pane.table.has_focus)
        assert pane.verdict is not None and pane.verdict.ok
        await until(lambda: "改ざんなし" in screen_text(app))
        await pilot.press("c")
        await until(lambda: isinstance(app.screen, SearchDialog))
        app.screen.query_one("#q", Input).value = name
        await until(lambda: [c.id for c in getattr(app.screen, "found", [])][:1] == [3])
        await pilot.press("enter")
        await until(lambda: any(e.action == "view" for e in pane.entries))
        look = next(e for e in pane.entries if e.action == "view")
        assert look.user == "山田 太郎" and look.desk == "受付"
        await until(lambda: "閲覧" in screen_text(app))
        await pilot.press("u")
        await _fill(app, pilot, {})  # the first user (smith): changed nothing yet
        await until(lambda: "smith が変えたもの" in screen_text(app))
