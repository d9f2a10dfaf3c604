"""Working as a team (Pilot, real box API over TLS): logout ends the box session, callbacks
for a colleague remind only them, manual contacts on the timeline, hand-off to another desk."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Select, TextArea

from appliance.contract import TaskOut
from appliance.reminders import Reminders
from tests.tui.conftest import Box, desk_app, open_card, screen_text, seeded_call, until
from tui.client.desk_api import DeskApi
from tui.client.errors import NotLoggedInError
from tui.client.keystore import Keystore
from tui.dialogs.callback import CallbackDialog
from tui.dialogs.handoff import HandoffDialog
from tui.dialogs.interaction import InteractionDialog
from tui.dialogs.pop import PopDialog
from tui.dialogs.reminder import ReminderDialog
from tui.screens.card import CustomerScreen
from tui.screens.login import LoginScreen


async def test_logout_ends_the_session_on_the_box(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await open_card(app, 8)
        assert app.api is not None
        token = app.api.token
        app.action_logout()
        await until(lambda: isinstance(app.screen, LoginScreen))
        await pilot.pause()  # the login screen finishes mounting before the app is torn down
        assert app.state.user is None and app.api.token is None
        assert keystore.token() is None  # nothing to reuse on the next start
        assert not any(isinstance(s, CustomerScreen) for s in app.screen_stack)
    async with DeskApi(keystore) as old:
        old.token = token
        with pytest.raises(NotLoggedInError):
            await old.calls(limit=1)


async def test_callback_for_a_colleague_reminds_only_them(box: Box, keystore: Keystore) -> None:
    reason = "見積書を送ったか確認 / check the quote went out"
    async with desk_app(box, keystore) as (app, pilot):  # 田中 sets it for John Smith
        card = await open_card(app, 11)
        await pilot.press("ctrl+b")
        await until(lambda: isinstance(app.screen, CallbackDialog))
        dialog = app.screen
        assert isinstance(dialog, CallbackDialog)
        assignee = dialog.query_one("#assignee", Select)
        assert assignee.value == app.state.user_id  # oneself by default
        smith = next(u for u in dialog.users if u.username == "smith")
        assignee.value = smith.id
        dialog.query_one("#reason", Input).value = reason
        dialog.query_one("#due", Input).value = "+5m"
        await pilot.press("ctrl+s")
        await until(
            lambda: (
                isinstance(app.screen, CustomerScreen)
                and card.card is not None
                and any(t.reason == reason for t in card.card.open_tasks)
            )
        )
        assert card.card is not None
        task = next(t for t in card.card.open_tasks if t.reason == reason)
        assert task.assignee_id == smith.id and task.assignee == "John Smith"
        later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=6)
        told = await Reminders(box.server.state.hub, lambda: box.store, clock=lambda: later).check()
        assert told >= 1
        await until(
            lambda: any(
                e.kind == "callback_due" and e.data["id"] == task.id for e in app.events_seen
            )
        )
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ReminderDialog)
        assert task.id not in app.reminded
    other = Keystore(keystore.root.parent / "smith-desk")
    async with desk_app(box, other, user="smith") as (app2, _pilot2):
        await Reminders(box.server.state.hub, lambda: box.store, clock=lambda: later).check()
        await until(lambda: isinstance(app2.screen, ReminderDialog))
        reminder = app2.screen
        assert isinstance(reminder, ReminderDialog)
        assert reminder.due_task.id == task.id and reminder.due_task.customer_id == 11


async def test_a_reminder_due_before_the_desk_knows_its_user_waits_for_it(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore, user="smith") as (app, pilot):
        smith = app.state.user_id
        assert smith is not None
        # as right after a login, before GET /me/user has answered: only the login name known
        app.state.known, app.state.user_id = False, None
        app.state.user_names = {"smith"}
        task = TaskOut(
            id=9001,
            kind="callback",
            reason="折り返し / call back",
            state="open",
            customer_id=11,
            assignee_id=smith,
            assignee="John Smith",
            created_at=dt.datetime.now(dt.UTC),
            version=1,
        )
        app.remind(task)
        await pilot.pause()
        assert not isinstance(app.screen, ReminderDialog) and app.unsure == [task]
        await app.learn_me()
        await until(lambda: isinstance(app.screen, ReminderDialog))
        assert app.unsure == [] and task.id in app.reminded


async def test_manual_contact_is_logged_on_the_timeline(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 12)
        await pilot.press("ctrl+t")
        await until(lambda: isinstance(app.screen, InteractionDialog))
        dialog = app.screen
        assert isinstance(dialog, InteractionDialog)
        dialog.query_one("#ia-kind", Select).value = "visit"
        dialog.query_one("#ia-direction", Select).value = "in"
        summary = dialog.query_one("#ia-summary", TextArea)
        summary.load_text("来店: 法事用の仕出し弁当 20 人分を相談")
        dialog.query_one("#ia-minutes", Input).value = "十二"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InteractionDialog)  # not minutes: it says so and stays
        assert "所要時間が読めません" in screen_text(app)
        dialog.query_one("#ia-minutes", Input).value = "12"
        await pilot.press("ctrl+s")
        await until(
            lambda: card.card is not None and any(i.kind == "visit" for i in card.card.timeline)
        )
        assert card.card is not None
        visit = next(i for i in card.card.timeline if i.kind == "visit")
        assert visit.time_spent_s == 720 and visit.direction == "in"
        assert visit.summary.startswith("来店: 法事用")
        await pilot.pause()
        shown = screen_text(app)
        assert "来店・訪問" in shown and "所要 12:00" in shown


async def test_hand_off_pops_the_card_on_the_other_desk(box: Box, keystore: Keystore) -> None:
    other = Keystore(keystore.root.parent / "smith-desk")
    async with (
        desk_app(box, keystore) as (app, pilot),
        desk_app(box, other, user="smith") as (app2, _pilot2),
    ):
        call_id, customer_id, _pop = await seeded_call(box)
        await until(
            lambda: isinstance(app.screen, PopDialog) and isinstance(app2.screen, PopDialog)
        )
        await pilot.press("c")  # 田中 takes it...
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        await pilot.press("ctrl+g")  # ...and hands it to John Smith's desk
        await until(lambda: isinstance(app.screen, HandoffDialog))
        dialog = app.screen
        assert isinstance(dialog, HandoffDialog)
        assert [d.user_name for d in dialog.targets] == ["John Smith"]
        assert dialog.targets[0].desk_id == app2.state.desk_id
        await pilot.press("enter")
        await until(
            lambda: isinstance(app2.screen, CustomerScreen) and app2.screen.card is not None
        )
        screen = app2.screen
        assert isinstance(screen, CustomerScreen)
        assert screen.card is not None and screen.card.id == customer_id
        assert screen.call_id == call_id
        assert app2.state.calls[call_id].claimed_by_me
        await until(lambda: not app.state.calls[call_id].claimed_by_me)
