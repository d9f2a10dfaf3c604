"""A withheld caller's pop (Pilot, real box API over TLS): says the number was not sent and what
the desk can do, in the desk's language — never "unknown number"."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.contract import PopOut
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog
from tui.i18n import Lang, t


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_withheld_pop_says_no_number_was_sent(
    box: Box, keystore: Keystore, lang: Lang
) -> None:
    async with desk_app(box, keystore, lang=lang, size=(80, 24)) as (app, pilot):
        pop = PopOut(
            call_id=990_001,
            line="1",
            at=dt.datetime.now(dt.UTC),
            reason="P",
            reason_ja="非通知",
            reason_en="Withheld",
        )
        box.publish("pop", pop.model_dump(mode="json"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert ("非通知" if lang == "ja" else "Withheld") in text, text
        assert t("pop.unknown") not in text, text
        hint = t("pop.no_number_hint")
        assert hint.split(":")[0] in text, text
