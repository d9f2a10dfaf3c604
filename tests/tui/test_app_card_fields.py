"""Every field of the card at the desk (Pilot, in-process box): person or company, gender,
birth date typed any usual way, birthplace, income band, tags; a bad date said and kept; a
stale edit of the new fields shown both sides; a field the box withholds is not drawn."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select

from appliance.contract import CustomerCard, CustomerPatch
from tests.tui.conftest import Box, desk_app, open_card, until
from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.dialogs.stale import StaleDialog
from tui.screens import card_form as form
from tui.screens.card import CustomerScreen


def told(app: object) -> str:
    """Every notification the desk has shown, one per line."""
    return "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


async def test_every_field_typed_saved_and_seen_on_reopen(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        card = await open_card(app, 12)
        card.query_one("#f-kind", Select).value = "company"
        card.query_one("#f-gender", Select).value = "female"
        birth = card.query_one("#f-birth_date", Input)
        birth.focus()
        await pilot.press(*"1980/1/31")
        card.query_one("#f-birthplace", Input).value = "北海道 札幌市"
        card.query_one("#f-income_band", Input).value = "500〜700万円"
        card.query_one("#f-tags", Input).value = "常連、辛口, 常連"
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and card.card.birth_date is not None)
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, CustomerScreen))
        card = await open_card(app, 12)
        now = card.card
        assert now is not None
        assert (now.kind, now.gender, now.birth_date) == ("company", "female", dt.date(1980, 1, 31))
        assert (now.birthplace, now.income_band) == ("北海道 札幌市", "500〜700万円")
        assert sorted(now.tags) == ["常連", "辛口"]
        assert card.query_one("#f-birth_date", Input).value == "1980-01-31"
        assert card.query_one("#f-kind", Select).value == "company"


async def test_a_bad_date_is_said_and_nothing_is_lost(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        card = await open_card(app, 13)
        version = card.card.version if card.card else 0
        card.query_one("#f-birth_date", Input).value = "１９８０年１３月４５日"
        card.query_one("#f-occupation", Input).value = "Pilot"
        await pilot.press("ctrl+s")
        await until(lambda: "cannot read the birth date" in told(app))
        assert card.card is not None and card.card.version == version  # nothing was sent
        assert card.query_one("#f-occupation", Input).value == "Pilot"
        card.query_one("#f-birth_date", Input).value = (
            dt.date.today() + dt.timedelta(days=9)
        ).isoformat()
        await pilot.press("ctrl+s")
        await until(lambda: "the birth date is in the future" in told(app))
        assert "生年月日" not in told(app)  # the box's refusal, in the desk's language
        card.query_one("#f-birth_date", Input).value = "19750704"
        await pilot.press("ctrl+s")
        await until(lambda: card.card is not None and card.card.birth_date == dt.date(1975, 7, 4))
        assert card.card.occupation == "Pilot"


async def test_stale_edit_of_tags_and_attributes(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        card = await open_card(app, 14)
        assert card.card is not None
        card.query_one("#f-tags", Input).value = "法人客"
        card.query_one("#f-birthplace", Input).value = "京都"
        async with DeskApi(keystore) as other:
            other.token = app.api.token if app.api else None
            await other.patch_customer(
                14, CustomerPatch(version=card.card.version, tags=["月末締め"], gender="male")
            )
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, StaleDialog))
        dialog = app.screen
        assert isinstance(dialog, StaleDialog)
        rows = {name: (mine, theirs, clash) for name, mine, theirs, clash in dialog.rows}
        assert rows["tags"] == ("法人客", "月末締め", True)
        assert rows["gender"][1] == "male" and not rows["gender"][2]
        await pilot.press("m")
        await until(lambda: card.card is not None and card.card.birthplace == "京都")
        assert card.card.tags == ["法人客"] and card.card.gender == "male"


def test_a_withheld_field_is_neither_shown_nor_sent() -> None:
    data = CustomerCard(
        id=1,
        version=3,
        display_name="高橋 涼子",
        created_at=dt.datetime(2026, 1, 5),
        updated_at=dt.datetime(2026, 1, 5),
    ).model_dump(mode="json", exclude={"income_band", "birth_date"})
    values = form.card_values(CustomerCard.model_validate(data))
    assert values["income_band"] is None and values["birth_date"] is None
    assert values["display_name"] == "高橋 涼子" and values["tags"] == ""
    assert form.card_values({})["birth_date"] == ""


def test_dates_and_tags_as_people_type_them() -> None:
    for typed in ("1980-01-31", "1980/1/31", "１９８０年１月３１日", "19800131", "1980.1.31"):
        assert form.read_date(typed) == dt.date(1980, 1, 31), typed
    assert form.read_date("  ") is None
    assert form.read_tags("常連、辛口，ｖｉｐ; 常連") == ["常連", "辛口", "vip"]
