"""The customer card (Pilot) against the in-process box: edit in place, stale edit merge,
order with totals, callback with its reminder."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Input

from appliance.contract import CustomerPatch
from tests.tui.conftest import PRODUCTS, Box, desk_app, open_card, screen_text, until
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.dialogs.callback import CallbackDialog
from tui.dialogs.order import OrderDialog
from tui.dialogs.reminder import ReminderDialog
from tui.dialogs.stale import StaleDialog
from tui.screens.card import CustomerScreen


async def test_edit_in_place_saves_only_what_changed(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 8)
        before = card.card
        assert before is not None
        card.query_one("#f-occupation", Input).value = "寿司職人"
        card.query_one("#f-vip", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and card.card.version > before.version)
        assert card.card is not None and card.card.vip and card.card.occupation == "寿司職人"
        assert card.card.display_name == before.display_name


async def test_stale_edit_shows_both_sides_and_merges(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 9)
        assert card.card is not None
        card.query_one("#f-title", Input).value = "課長"  # the operator is typing...
        card.query_one("#f-interests", Input).value = "釣り"
        # ...while another desk saves first (another field, and the same one differently)
        async with DeskApi(keystore) as other:
            other.token = app.api.token if app.api else None
            await other.patch_customer(
                9, CustomerPatch(version=card.card.version, household="4 人家族", title="部長")
            )
        await pilot.pause(0.3)  # the box's `customer` event does not wipe what is typed
        assert card.query_one("#f-title", Input).value == "課長"
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, StaleDialog))
        dialog = app.screen
        assert isinstance(dialog, StaleDialog)
        rows = {name: (mine, theirs, clash) for name, mine, theirs, clash in dialog.rows}
        assert rows["title"] == ("課長", "部長", True)  # both changed it: a clash
        assert rows["household"][1] == "4 人家族" and not rows["household"][2]
        assert rows["interests"][0] == "釣り"
        await pilot.pause()
        assert "他の人が先に変更しました" in screen_text(app)
        await pilot.press("m")  # merge: mine on top of theirs
        await until(
            lambda: (
                isinstance(app.screen, CustomerScreen)
                and card.card is not None
                and card.card.interests == "釣り"
            )
        )
    async with DeskApi(keystore) as api:
        now = await api.customer(9)
    assert (now.title, now.household, now.interests) == ("課長", "4 人家族", "釣り")


async def test_quick_order_with_quantities_and_total(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 10)
        await pilot.press("ctrl+o")
        await until(lambda: isinstance(app.screen, OrderDialog))
        order = app.screen
        assert isinstance(order, OrderDialog)
        order.query_one("#filter", Input).value = "トクジョウ"  # katakana finds とくじょう
        await pilot.pause()
        order.query_one("#qty", Input).value = "2"
        await pilot.press("enter", "enter")  # to the list, pick the match
        await until(lambda: len(order.lines) == 1)
        order.query_one("#filter", Input).value = "味噌"
        await pilot.pause()
        await pilot.press("enter", "enter")
        await until(lambda: len(order.lines) == 2)
        expected = 2 * PRODUCTS[0][2] + PRODUCTS[2][2]
        assert order.total == expected
        await pilot.pause()
        assert f"¥{expected:,}" in screen_text(app)
        known = {o.id for o in card.card.orders} if card.card else set()
        await pilot.press("ctrl+s")
        # the seeded customer has orders already: wait for the card that holds the new one
        await until(
            lambda: (
                isinstance(app.screen, CustomerScreen)
                and card.card is not None
                and any(o.id not in known for o in card.card.orders)
            )
        )
        assert card.card is not None
        placed = max(card.card.orders, key=lambda o: o.id)
        assert placed.total == expected and sum(i.qty for i in placed.items) == 3
        assert card.query_one("#orders", DataTable).row_count >= 1


async def test_callback_set_and_its_reminder_pops(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 11)
        await pilot.press("ctrl+b")
        await until(lambda: isinstance(app.screen, CallbackDialog))
        dialog = app.screen
        dialog.query_one("#reason", Input).value = "見積もりの返事"
        dialog.query_one("#due", Input).value = "あした"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CallbackDialog)  # not a time: it says so and stays
        assert "期限が読めません" in screen_text(app)
        dialog.query_one("#due", Input).value = "+0m"  # due now: this desk reminds at once
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, ReminderDialog))
        reminder = app.screen
        assert isinstance(reminder, ReminderDialog)
        assert reminder.due_task.reason == "見積もりの返事"
        assert reminder.due_task.customer_id == 11
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, CustomerScreen))
        # the box's own reminder for the same task is not shown twice
        box.publish("callback_due", reminder.due_task.model_dump(mode="json"))
        await pilot.pause(0.3)
        assert isinstance(app.screen, CustomerScreen)
        assert card.card is not None


async def test_addresses_read_the_way_their_country_writes_them(
    box: Box, keystore: Keystore
) -> None:
    from appliance.core.actor import Actor
    from appliance.core.contacts import add_address

    def two_addresses() -> None:
        actor = Actor(None, None, "管理者")
        add_address(
            actor,
            11,
            country="US",
            postal_code="94110",
            prefecture="CA",
            city="San Francisco",
            line1="2450 Mission St",
            line2="Apt 3",
        )
        add_address(
            actor,
            11,
            country="JP",
            postal_code="231-0023",
            prefecture="神奈川県",
            city="横浜市中区",
            line1="山下町1-1",
            line2="3F",
        )

    await box.store.executor.run(two_addresses)
    async with desk_app(box, keystore) as (app, pilot):
        await open_card(app, 11)
        await pilot.pause()
        text = screen_text(app)
        assert "2450 Mission St, Apt 3, San Francisco, CA" in text and "94110" in text, text
        assert "〒231-0023 神奈川県横浜市中区山下町1-1 3F" in text, text
