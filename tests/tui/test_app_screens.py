"""Search as you type, the callback board, the call log with filters, segments (Pilot)."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Input

from tests.tui.conftest import Box, desk_app, until
from tui.client.keystore import Keystore
from tui.dialogs.search import SearchDialog
from tui.screens.board import BoardScreen
from tui.screens.calllog import CallLogScreen, day_range
from tui.screens.card import CustomerScreen
from tui.screens.segments import SegmentsScreen


async def test_search_as_you_type_from_anywhere(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        assert app.api is not None
        target = await app.api.customer(12)
        phone = target.phones[0].national if target.phones else ""
        await pilot.press("f5")  # on the call log...
        await until(lambda: isinstance(app.screen, CallLogScreen))
        await pilot.press("ctrl+f")  # ...search is one key away
        await until(lambda: isinstance(app.screen, SearchDialog))
        search = app.screen
        assert isinstance(search, SearchDialog)
        await pilot.press(*phone[-6:])  # any part of a phone number, typed digit by digit
        await until(lambda: any(c.id == 12 for c in search.found))
        assert search.query_one("#results", DataTable).row_count == len(search.found)
        while search.found[0].id != 12:  # several numbers may share the digits
            search.found.pop(0)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, CustomerScreen) and app.screen.card is not None)
        assert app.screen.card is not None and app.screen.card.id == 12  # type: ignore[attr-defined]


async def test_call_log_filters_missed_calls(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await pilot.press("f5")
        await until(lambda: isinstance(app.screen, CallLogScreen) and bool(app.screen.calls))
        log = app.screen
        assert isinstance(log, CallLogScreen)
        everything = len(log.calls)
        log.query_one("#missed", Checkbox).value = True
        await until(
            lambda: (
                all(c.missed or c.state == "missed" for c in log.calls)
                and len(log.calls) < everything
            )
        )
        assert log.query_one("#log", DataTable).row_count == len(log.calls)
        log.query_one("#day", Input).value = "1999-01-01"
        log.query_one("#day", Input).focus()
        await pilot.press("enter")
        await until(lambda: log.calls == [])


def test_day_range_is_one_local_day() -> None:
    window = day_range("2026-12-01")
    assert window is not None and (window[1] - window[0]).total_seconds() == 86400
    assert day_range("12/01") is None


async def test_callback_board_lists_and_marks_done(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, BoardScreen) and bool(app.screen.tasks), 15)
        board = app.screen
        assert isinstance(board, BoardScreen)
        first = board.tasks[0]
        await pilot.press("d")
        await until(lambda: all(t.id != first.id for t in board.tasks))
        assert app.api is not None
        assert all(t.id != first.id for t in await app.api.callbacks())


async def test_segments_run_and_save_a_query(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, user="smith") as (app, pilot):
        await pilot.press("f6")
        await until(lambda: isinstance(app.screen, SegmentsScreen))
        seg = app.screen
        assert isinstance(seg, SegmentsScreen)
        seg.query_one("#query", Input).value = "calls >= 1 かつ kind = person"
        seg.query_one("#query", Input).focus()
        await pilot.press("enter")
        await until(lambda: seg.segment is not None, 15)
        assert seg.segment is not None and seg.segment.count > 0
        assert seg.query_one("#members", DataTable).row_count == len(seg.segment.customers)
        seg.query_one("#name", Input).value = "VIP のお客様"
        await pilot.click("#save")
        await until(lambda: any(s.name == "VIP のお客様" for s in seg.saved), 15)
        members = seg.query_one("#members", DataTable).row_count
        await pilot.press("f7")  # another language: the saved queries and members stay
        await until(
            lambda: (
                seg.query_one("#members", DataTable).row_count == members
                and any(s.name == "VIP のお客様" for s in seg.saved)
                and seg.query_one("#saved").option_count == len(seg.saved)
            )
        )


def _column_labels(screen: object) -> dict[str, list[str]]:
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    return {str(t.id): [c.label.plain for c in t.columns.values()] for t in screen.query(DataTable)}


async def test_every_table_has_its_columns_once_also_after_a_language_switch(
    box: Box, keystore: Keystore
) -> None:
    from tui.screens.home import HomeScreen

    async with desk_app(box, keystore) as (app, pilot):
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert _column_labels(home)["ringing"] == ["回線", "番号", "名前", "状態", "担当"]
        for key, kind in (("f4", BoardScreen), ("f5", CallLogScreen), ("f6", SegmentsScreen)):
            await pilot.press(key)
            await until(lambda kind=kind: isinstance(app.screen, kind) and app.screen.ready)  # type: ignore[misc]
            for name, labels in _column_labels(app.screen).items():
                assert len(labels) == len(set(labels)), f"{kind.__name__} #{name}: {labels}"
        await pilot.press("f7")  # English: every screen on the stack is rebuilt
        await until(lambda: _column_labels(home)["ringing"][0] == "Line")
        assert _column_labels(home)["ringing"] == ["Line", "Number", "Name", "State", "Handled by"]
        recent = _column_labels(home)["recent"]
        assert len(recent) == len(set(recent))
