"""Custom-field values on the card (Pilot, in-process box): the admin's fields of each kind
drawn from their definitions, typed, saved and seen on reopen; a bad date said in words."""

from __future__ import annotations

from typing import Any

from appliance.core.actor import Actor
from tests.tui.conftest import Box, desk_app, open_card, until
from tui.client.keystore import Keystore
from tui.screens.card import CustomerScreen
from tui.screens.card_custom import CustomGrid


def _define() -> None:
    from appliance.core.attributes import define_field

    admin = Actor(None, None, "管理者")
    define_field(admin, "allergy", "アレルギー", label_en="Allergy", position=1)
    define_field(admin, "seats", "人数", field_type="number", label_en="Party size", position=2)
    define_field(
        admin, "member_since", "入会日", field_type="date", label_en="Member since", position=3
    )
    define_field(
        admin, "spice", "辛さ", field_type="choice", choices=["甘口", "中辛", "辛口"], position=4
    )


def grid(card: CustomerScreen) -> dict[str, Any]:
    """The card's custom fields by key."""
    return card.query_one("#custom-grid", CustomGrid).fields  # type: ignore[return-value]


def told(app: object) -> str:
    """Every notification the desk has shown, one per line."""
    return "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


async def test_custom_values_typed_saved_and_seen_on_reopen(box: Box, keystore: Keystore) -> None:
    await box.store.executor.run(_define)
    async with desk_app(box, keystore, size=(200, 50)) as (app, pilot):
        card = await open_card(app, 18)
        await until(lambda: "spice" in grid(card))
        await pilot.pause()
        fields = grid(card)
        fields["allergy"].value = "えび、かに"
        fields["seats"].value = "４"
        fields["member_since"].value = "2026年4月1日"
        fields["spice"].value = "辛口"
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and "spice" in card.card.custom)
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, CustomerScreen))
        card = await open_card(app, 18)
        assert card.card is not None
        assert card.card.custom == {
            "allergy": "えび、かに",
            "seats": "4",
            "member_since": "2026-04-01",
            "spice": "辛口",
        }
        await until(lambda: "spice" in grid(card))
        await pilot.pause()
        fields = grid(card)
        assert fields["member_since"].value == "2026-04-01"
        fields["member_since"].value = "いつか"
        fields["allergy"].value = ""
        await pilot.press("ctrl+s")
        await until(lambda: "入会日: 日付が読めません" in told(app))
        assert card.card.custom["allergy"] == "えび、かに"  # nothing was sent
        fields["member_since"].value = ""
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and "allergy" not in card.card.custom)
        assert "member_since" not in card.card.custom
