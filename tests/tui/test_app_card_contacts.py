"""Phones, emails and addresses on an existing card (Pilot, in-process box): added, edited,
labelled, removed and brought back; bad input told in the dialog; a new caller's address
noted from the pop in a few keys."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from appliance.contract import PhonePatch, PopOut
from tests.tui.conftest import Box, desk_app, open_card, screen_text, seeded_call, until
from tui.client.contacts import edit_contact
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.dialogs.contact import ContactDialog
from tui.dialogs.pop import PopDialog
from tui.screens.card import CustomerScreen
from tui.screens.card_contacts import ContactList


async def test_address_typed_in_full_width_saved_and_seen_on_reopen(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        card = await open_card(app, 8)
        before = len(card.card.addresses) if card.card else 0
        await pilot.press("alt+a")
        await until(lambda: isinstance(app.screen, ContactDialog))
        dialog = app.screen
        await pilot.press("j", "i", "t", "a", "k", "u")  # label: typed, not only picked
        dialog.query_one("#f-label", Input).value = "自宅"
        dialog.query_one("#f-postal_code", Input).value = "〒１５０－０００１"
        dialog.query_one("#f-prefecture", Input).value = "東京都"
        dialog.query_one("#f-city", Input).value = "渋谷区"
        dialog.query_one("#f-line1", Input).value = "神宮前１－２－３"
        dialog.query_one("#f-delivery_notes", TextArea).text = "裏口\nインターホン故障"
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is card and card.card is not None)
        await until(lambda: card.card is not None and len(card.card.addresses) == before + 1)
        await pilot.press("escape")
        card = await open_card(app, 8)
        assert card.card is not None
        added = card.card.addresses[-1]
        assert (added.postal_code, added.line1, added.label) == ("150-0001", "神宮前1-2-3", "自宅")
        assert added.delivery_notes == "裏口\nインターホン故障"
        await pilot.pause()
        text = screen_text(app)
        assert "〒150-0001 東京都渋谷区神宮前1-2-3" in text
        assert "裏口 / インターホン故障" in text
        assert "住所+" in text  # the key hint


async def test_bad_input_is_told_in_the_dialog_and_nothing_typed_is_lost(
    box: Box, keystore: Keystore
) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 9)
        phones = len(card.card.phones) if card.card else 0
        await pilot.press("alt+d")
        await until(lambda: isinstance(app.screen, ContactDialog))
        dialog = app.screen
        await pilot.press("ctrl+s")  # nothing typed
        await pilot.pause()
        assert "番号を入れてください" in screen_text(app)
        dialog.query_one("#f-number", Input).value = "でんわばんごう"
        dialog.query_one("#f-label", Input).value = "携帯"
        await pilot.press("ctrl+s")
        await until(lambda: "電話番号として読めません" in screen_text(app))
        assert "not a phone number" not in screen_text(app)  # one language on a screen
        assert dialog.query_one("#f-label", Input).value == "携帯"
        dialog.query_one("#f-number", Input).value = "０９０（１２３４）５６７８"
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and len(card.card.phones) == phones + 1)
        new = card.card.phones[-1]
        assert (new.e164, new.label) == ("+819012345678", "携帯")


async def test_edit_remove_and_undo_from_the_contact_list(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 10)
        assert card.card is not None and card.card.phones
        phone = card.card.phones[0]
        contacts = card.query_one("#contacts", ContactList)
        contacts.focus()
        contacts.highlighted = 0
        await pilot.pause()
        assert "Del 削除" in screen_text(app)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ContactDialog))
        dialog = app.screen
        assert dialog.query_one("#f-number", Input).value == phone.number
        dialog.query_one("#f-label", Input).value = "勤務先"
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and card.card.phones[0].label == "勤務先")
        contacts.focus()
        contacts.highlighted = 0
        await pilot.press("delete")
        await until(
            lambda: card.card is not None and phone.id not in {p.id for p in card.card.phones}
        )
        await pilot.press("alt+z")
        await until(lambda: card.card is not None and phone.id in {p.id for p in card.card.phones})
    async with DeskApi(keystore) as api:
        api.token = keystore.token()
        now = await api.customer(10)
    assert [p.label for p in now.phones if p.id == phone.id] == ["勤務先"]


async def test_someone_else_edits_the_number_first(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        card = await open_card(app, 11)
        assert card.card is not None and card.card.phones
        phone = card.card.phones[0]
        contacts = card.query_one("#contacts", ContactList)
        contacts.focus()
        contacts.highlighted = 0
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ContactDialog))
        dialog = app.screen
        dialog.query_one("#f-label", Input).value = "Mobile"
        assert app.api is not None
        await edit_contact(
            app.api, 11, "phone", phone.id, PhonePatch(version=phone.version, label="Shop")
        )
        await pilot.press("ctrl+s")
        await until(lambda: "someone else changed this phone number first" in screen_text(app))
        assert dialog.query_one("#f-label", Input).value == "Shop"  # theirs, shown
        dialog.query_one("#f-label", Input).value = "Mobile"
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is card)
        await until(lambda: card.card is not None and card.card.phones[0].label == "Mobile")


async def test_new_callers_address_from_the_pop(box: Box, keystore: Keystore) -> None:
    call_id, _, _ = await seeded_call(box, nth=2)
    pop = PopOut(
        call_id=call_id,
        line="1",
        at=dt.datetime.now(dt.UTC),
        number="080-2231-4471",
        number_display="080-2231-4471",
        customers=[],
    )
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        box.publish("pop", pop.model_dump(mode="json"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.pause()
        assert "住所を記録" in screen_text(app)
        await pilot.press("d")
        await until(lambda: isinstance(app.screen, ContactDialog))
        dialog = app.screen
        assert "080-2231-4471" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "お名前を入れてください" in screen_text(app)
        dialog.query_one("#f-display_name", Input).value = "小林 直樹"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "郵便番号か住所を入れてください" in screen_text(app)
        dialog.query_one("#f-postal_code", Input).value = "2310023"
        dialog.query_one("#f-line1", Input).value = "横浜市中区山下町１"
        dialog.query_one("#f-delivery_notes", TextArea).text = "裏口"
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        card = app.screen
        assert isinstance(card, CustomerScreen) and card.card is not None
        assert card.card.display_name == "小林 直樹"
        assert card.card.phones[0].e164 == "+818022314471"
        assert card.card.addresses[0].postal_code == "231-0023"
        assert card.card.addresses[0].delivery_notes == "裏口"
        assert any(i.kind == "call" and i.ref == call_id for i in card.card.timeline)
