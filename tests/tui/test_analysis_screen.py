"""The analysis screen at a manager's desk (Pilot, real box): every view in both languages at
80x24 and large, the line saying how a figure is computed, drill-down to the customers and
their card, a list made a call list; an operator has no such key."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Static

from tests.tui.conftest import Box, desk_app, screen_text
from tests.tui.conftest import until as _until
from tui.client.keystore import Keystore
from tui.dialogs.drill import DrillDialog
from tui.i18n import Lang
from tui.screens.analysis import AnalysisScreen
from tui.screens.card import CustomerScreen
from tui.screens.home import HomeScreen
from tui.widgets.keyhints import KeyHints


async def until(predicate: Callable[[], bool]) -> None:
    """Wait up to a minute: the overview and the lists are computed on a busy test machine."""
    await _until(predicate, timeout_s=60.0)


def _hints_drawn(screen: AnalysisScreen, text: str) -> None:
    for key_name, description, _enabled in screen.query_one(KeyHints).hints():
        assert f"{key_name} {description}" in text, (key_name, description)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_views_in_each_language_and_size(
    box: Box, keystore: Keystore, size: tuple[int, int], lang: Lang
) -> None:
    async with desk_app(box, keystore, user="smith", size=size, lang=lang) as (app, pilot):
        await pilot.press("a")
        await until(lambda: isinstance(app.screen, AnalysisScreen) and bool(app.screen.rows))
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        text = screen_text(app)
        assert ("分析" if lang == "ja" else "Analysis") in text
        assert ("顧客数" if lang == "ja" else "Customers") in text
        _hints_drawn(screen, text)
        how = str(screen.query_one("#analysis-how", Static).render())
        assert ("注文した顧客" if lang == "ja" else "customers with an order") in how
        for view in ("2", "3", "4", "5", "6"):
            await pilot.press(view)
            await until(lambda: screen.rows != [] or screen.mode == "lists")
            await pilot.pause()
        await until(lambda: screen.found is not None)
        other = "English" if lang == "ja" else "日本語"
        assert other not in str(screen.query_one("#analysis-title").render())


async def test_drill_down_to_a_card_and_a_call_list(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, user="smith", lang="en") as (app, pilot):
        await pilot.press("a")
        await until(lambda: isinstance(app.screen, AnalysisScreen) and bool(app.screen.rows))
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        table = screen.query_one("#analysis-table", DataTable)
        rank_a = next(i for i, r in enumerate(screen.rows) if r.drill == ("rank", "A"))
        table.move_cursor(row=rank_a)
        await pilot.pause()
        assert "70 %" in str(screen.query_one("#analysis-how", Static).render())
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, DrillDialog) and app.screen.found is not None)
        drill = app.screen
        assert isinstance(drill, DrillDialog) and drill.found is not None
        assert drill.found.count == screen.overview.ranks["A"]  # type: ignore[union-attr]
        assert f"Rank A: {drill.found.count} customers" in screen_text(app)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.screen.card.rank == "A"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(lambda: app.screen is screen)
        await pilot.press("6")
        for _ in range(4):  # find a list with customers on it
            await until(lambda: screen.found is not None and screen.found.name == screen.list_name)
            if screen.rows:
                break
            await pilot.press("l")
        assert screen.rows, "every list is empty on the seeded box"
        await pilot.press("c")
        await until(lambda: any("Call list" in str(n.message) for n in app._notifications))


async def test_an_operator_has_no_analysis_key(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, user="tanaka") as (app, pilot):
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "分析" not in screen_text(app)


async def test_nps_answer_from_the_card(box: Box, keystore: Keystore) -> None:
    from appliance.db.models import SurveyResponse
    from tests.tui.conftest import open_card
    from tui.dialogs.nps import NpsDialog, parse_score

    assert (parse_score("９"), parse_score("10"), parse_score("11"), parse_score("x")) == (
        9, 10, None, None,
    )  # fmt: skip
    async with desk_app(box, keystore, lang="en") as (app, pilot):
        card = await open_card(app, 8)
        await pilot.press("ctrl+r")
        await until(lambda: isinstance(app.screen, NpsDialog) and app.screen.ready)
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert "0 to 10" in screen_text(app)
        dialog = app.screen
        assert isinstance(dialog, NpsDialog)
        dialog.query_one("#nps-score").value = "9"  # type: ignore[attr-defined]
        dialog.query_one("#nps-reason").value = "配達が早い"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is card)
        saved = await box.store.executor.run(
            lambda: [(int(s.customer_id), s.score, s.comment) for s in SurveyResponse.select()]
        )
        assert saved == [(8, 9, "配達が早い")]
