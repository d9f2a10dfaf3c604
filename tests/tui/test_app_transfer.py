"""Customers in and out at the desk over a real box: a manager exports with x, imports with i
(the box's guessed mapping shown and changed, a progress bar, the row report, the good rows
imported on request); an operator sees neither key. Looked at in 80x24 in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, ProgressBar, Select

from appliance.db.models import Customer
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.import_export import ExportDialog
from tui.dialogs.import_mapping import ImportDialog
from tui.dialogs.import_report import ReportDialog
from tui.i18n import Lang
from tui.screens.home import HomeScreen

CSV = "お客様,電話番号,会員番号\n山本 健,312345678,A-1\n佐々木 真理,not a number,A-2\n"


def _count() -> int:
    return int(Customer.select().count())


async def test_a_manager_exports_every_customer(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "customers.xlsx"
    async with desk_app(box, keystore, user="smith", lang="en") as (app, pilot):
        await until(lambda: isinstance(app.screen, HomeScreen) and "Export" in screen_text(app), 60)
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ExportDialog) and app.screen.ready, 60)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith(".csv")
        dialog.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await until(lambda: not isinstance(app.screen, ExportDialog), 60)
    written = out.with_suffix(".csv")
    assert dialog.written == written and written.stat().st_mode & 0o777 == 0o600
    assert written.read_text(encoding="utf-8-sig").count("\n") == 61  # header + 60 customers


async def test_a_manager_imports_with_the_mapping_and_the_row_report(
    box: Box, keystore: Keystore, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    before = await box.store.executor.run(_count)
    async with desk_app(box, keystore, user="smith", lang="ja") as (app, pilot):
        await until(
            lambda: isinstance(app.screen, HomeScreen) and "取り込み" in screen_text(app), 60
        )
        await pilot.press("i")
        await until(lambda: isinstance(app.screen, ImportDialog) and app.screen.ready, 60)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await until(lambda: dialog.preview is not None and not dialog.query_one("#go").disabled, 60)
        assert [str(s.value) for s in dialog.query(Select)][:3] == ["ignore", "phone", "ignore"]
        dialog.query_one("#col-0", Select).value = "name"  # お客様 was not guessed
        dialog.query_one("#col-2", Select).value = "tags"
        await pilot.pause()
        await pilot.press("ctrl+s")  # bad rows: import none (the default)
        await until(lambda: isinstance(app.screen, ReportDialog), 60)
        report = app.screen
        assert isinstance(report, ReportDialog) and not report.result.committed
        assert "何も取り込みませんでした" in screen_text(app)
        rows = report.query_one("#rows", DataTable)
        assert rows.row_count == 2  # the bad row, and 312345678 mended
        assert dialog.query_one("#progress", ProgressBar).progress == 2
        report.query_one("#good", Button).press()
        await until(
            lambda: isinstance(app.screen, ReportDialog) and app.screen.result.committed, 60
        )
        await until(lambda: "1 件取り込みました" in screen_text(app), 60)
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, HomeScreen), 60)
    assert await box.store.executor.run(_count) == before + 1


async def test_an_operator_has_no_import_or_export(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore, user="tanaka", lang="ja") as (app, pilot):
        await until(lambda: isinstance(app.screen, HomeScreen), 60)
        await pilot.pause()
        assert "取り込み" not in screen_text(app) and "書き出し" not in screen_text(app)
        await pilot.press("i")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_dialogs_fit_80x24(
    box: Box, keystore: Keystore, tmp_path: Path, lang: Lang
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    async with desk_app(box, keystore, user="smith", lang=lang, size=(80, 24)) as (app, pilot):
        await until(lambda: isinstance(app.screen, HomeScreen), 60)
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ExportDialog) and app.screen.ready, 60)
        text = screen_text(app)
        assert ("書き出す" if lang == "ja" else "Export") in text and "ctrl+s" in text
        await pilot.press("escape")
        await pilot.press("i")
        await until(lambda: isinstance(app.screen, ImportDialog) and app.screen.ready, 60)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await until(lambda: dialog.preview is not None, 60)
        await pilot.pause()
        text = screen_text(app)
        assert "A お客様" in text and ("取り込む" if lang == "ja" else "Import") in text
