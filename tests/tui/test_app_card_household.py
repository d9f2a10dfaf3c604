"""A household on the card (Pilot, in-process box): the others on the card's number are listed
with its contacts, and Enter on one opens their card."""

from __future__ import annotations

from appliance.core.actor import Actor
from tests.tui.conftest import Box, desk_app, open_card, screen_text, until
from tui.client.keystore import Keystore
from tui.screens.card import CustomerScreen
from tui.screens.card_contacts import ContactList


def _family() -> tuple[int, int]:
    from appliance.core.customers import create_customer

    actor = Actor(None, None, "管理者")
    father = create_customer(actor, "森田 健一", phones=[("045-321-7788", "自宅")])
    daughter = create_customer(actor, "森田 彩", phones=["045-321-7788"], company="森田歯科")
    return int(father.id), int(daughter.id)


async def test_the_household_is_shown_and_opens(box: Box, keystore: Keystore) -> None:
    father, daughter = await box.store.executor.run(_family)
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        card = await open_card(app, father)
        await pilot.pause()
        assert [h.id for h in card.household] == [daughter]
        assert "同じ番号: 森田 彩" in screen_text(app)
        contacts = card.query_one("#contacts", ContactList)
        contacts.focus()
        contacts.highlighted = contacts.option_count - 1
        await pilot.press("enter")
        await until(
            lambda: (
                isinstance(app.screen, CustomerScreen)
                and app.screen.card is not None
                and app.screen.card.id == daughter
            )
        )
        assert [h.id for h in app.screen.household] == [father]  # type: ignore[attr-defined]
