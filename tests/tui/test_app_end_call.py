"""The end-of-call key (Pilot, real box API over TLS): shown while this desk holds a call, in
the desk's language; the call ends with its length, the call log shows it at 80x24."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.db.models import Call
from tests.tui.conftest import Box, desk_app, screen_text, seeded_call, until
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog
from tui.format import call_state, duration
from tui.i18n import Lang
from tui.screens.calllog import CallLogScreen
from tui.screens.card import CustomerScreen


async def _ringing(box: Box) -> tuple[int, int]:
    call_id, customer_id, _pop = await seeded_call(box)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=3)

    def ring() -> None:
        Call.update(
            state="ringing",
            started_at=started,
            answered_at=None,
            ended_at=None,
            duration_s=None,
            desk=None,
            user=None,
            disposition="",
        ).where(Call.id == call_id).execute()

    await box.store.executor.run(ring)
    return call_id, customer_id


@pytest.mark.parametrize(
    ("lang", "label", "done"), [("ja", "終話", "通話を終了"), ("en", "End call", "Call ended")]
)
async def test_the_end_key_ends_the_call_this_desk_holds(
    box: Box, keystore: Keystore, lang: Lang, label: str, done: str
) -> None:
    async with desk_app(box, keystore, lang=lang, size=(80, 24)) as (app, pilot):
        assert label not in screen_text(app)  # no call held: no end key
        call_id, _customer = await _ringing(box)
        await box.pop(call_id, "1", customer_id=_customer)
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.press("c")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        await pilot.pause()
        assert f"F10 {label}" in screen_text(app)
        await pilot.press("f10")
        await until(lambda: app.state.calls[call_id].over, show=lambda: app.state.calls)
        await until(lambda: f"F10 {label}" not in screen_text(app), show=lambda: screen_text(app))
        assert any(done in n.message and ":" in n.message for n in app._notifications)

        def stored() -> tuple[str, str, float | None, dt.datetime | None]:
            row = Call.get_by_id(call_id)
            return row.state, row.disposition, row.duration_s, row.answered_at

        state, disposition, took, answered = await box.store.executor.run(stored)
        assert (state, disposition) == ("ended", "ended_at_desk")
        # rang for three minutes, then taken with c: its length counts from the claim
        assert answered is not None and took is not None and 0 <= took < 180
        app.action_log()
        await until(lambda: isinstance(app.screen, CallLogScreen) and app.screen.calls != [])
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        mine = next(c for c in screen.calls if c.id == call_id)
        assert mine.duration_s == took
        await pilot.pause()
        assert f"{call_state('ended')} {duration(took)}" in screen_text(app)  # whole at 80x24


async def test_the_end_key_works_over_the_pop(box: Box, keystore: Keystore) -> None:
    """A claimed call whose pop is on screen (an unknown number keeps it there) ends with F10
    too: the app's key does not reach past the pop."""
    async with desk_app(box, keystore) as (app, pilot):
        call_id, customer = await _ringing(box)
        await box.pop(call_id, "1", customer_id=customer)
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.press("c")
        await until(lambda: isinstance(app.screen, CustomerScreen))
        await pilot.press("f3")  # the pop again, over the card
        await until(lambda: isinstance(app.screen, PopDialog))
        await pilot.pause()
        await pilot.press("f10")
        await until(lambda: app.state.calls[call_id].over, show=lambda: app.state.calls)
        assert app.is_running and app.errors == []
