"""Reading a business card at the desk (Pilot, in-process box): image file -> fields to check
-> kept with a new customer, the card opens; or with the customer the phone matched; bad paths
told in the dialog."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from appliance.bizcard.generator import make_card
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.business_card import BusinessCardDialog
from tui.screens.card import CustomerScreen

READ_S = 90.0  # OCR on a shared test machine


async def test_a_card_becomes_a_new_customer(box: Box, keystore: Keystore, tmp_path: Path) -> None:
    made = make_card(1, lang="en", vert=False, style="scan")
    image = tmp_path / "card.jpg"
    made.image.save(image, "JPEG", quality=90)
    async with desk_app(box, keystore, size=(80, 24), lang="en") as (app, pilot):
        await pilot.press("b")
        await until(lambda: isinstance(app.screen, BusinessCardDialog))
        dialog = app.screen
        assert isinstance(dialog, BusinessCardDialog)
        dialog.query_one("#bc-path", Input).value = str(tmp_path / "missing.jpg")
        await pilot.press("enter")
        await until(lambda: "no such file" in screen_text(app))
        dialog.query_one("#bc-path", Input).value = str(image)
        await pilot.press("enter")
        await until(lambda: dialog.scan is not None, timeout_s=READ_S)
        assert dialog.query_one("#bc-name", Input).value == made.truth.name
        assert dialog.query_one("#bc-email", Input).value == made.truth.email
        assert dialog.query_one("#bc-to", Select).value == "new"
        await until(lambda: "Ctrl+S" in screen_text(app))
        dialog.query_one("#bc-on", Input).value = "2026/10/12"
        dialog.query_one("#bc-where", Input).value = "Trade fair"
        await pilot.press("ctrl+s")
        await until(
            lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None,
            show=lambda: screen_text(app),
        )
        card = app.screen.card  # type: ignore[attr-defined]
        assert card.display_name == made.truth.name
        assert [e.address for e in card.emails] == [made.truth.email]


async def test_a_card_joins_the_customer_its_phone_matched(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    made = make_card(3, lang="ja", vert=False, style="photo")
    image = tmp_path / "meishi.jpg"
    made.image.save(image, "JPEG", quality=90)
    async with desk_app(box, keystore) as (app, pilot):
        from appliance.contract import CustomerIn, PhoneIn

        assert app.api is not None
        known = await app.api.create_customer(
            CustomerIn(
                display_name="既存 顧客", phones=[PhoneIn(number=made.truth.phones[0].number)]
            )
        )
        await pilot.press("b")
        await until(lambda: isinstance(app.screen, BusinessCardDialog))
        dialog = app.screen
        assert isinstance(dialog, BusinessCardDialog)
        dialog.query_one("#bc-path", Input).value = str(image)
        await pilot.press("enter")
        await until(lambda: dialog.scan is not None, timeout_s=READ_S)
        assert dialog.query_one("#bc-to", Select).value == str(known.id)
        await until(lambda: "一致した顧客 1 件" in screen_text(app))
        dialog.query_one("#bc-where", Input).value = "展示会"
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.screen.card.id == known.id  # type: ignore[attr-defined]
        kept = await app.api.request("GET", f"/customers/{known.id}/bizcards")
        assert [k["exchanged_where"] for k in kept] == ["展示会"]
