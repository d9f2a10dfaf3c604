"""Kanji mode: a slip as the printer's own Shift_JIS text (¥ from the Japan set), read back by
the emulator line for line, amounts flush right in the paper's columns."""

from __future__ import annotations

from appliance.printing.emulator.printer import EmulatedPrinter
from appliance.printing.kanji import COLUMNS, cells, fit, kanji_job
from tests.appliance.printing.slips import japanese_slip


def test_full_width_takes_two_columns_and_lines_fit() -> None:
    assert cells("山田 ｶﾅ A") == 2 * 2 + 1 + 2 + 2
    text = "東京都渋谷区神宮前一丁目二番三号 メゾン神宮前二〇一号室"
    lines = fit(text, 32)
    assert "".join(lines) == text and all(cells(line) <= 32 for line in lines)


def test_a_slip_prints_as_kanji_text_with_its_amounts_flush_right() -> None:
    slip = japanese_slip()
    printer = EmulatedPrinter(576)
    _, [job] = printer.feed(kanji_job(slip, 80))
    assert job.rasters == [] and job.qr_codes == [slip.qr_payload] and job.cut
    assert f"{slip.customer_name} 様" in job.texts
    assert f"電話 {slip.phone}" in job.texts
    total = next(line for line in job.texts if line.startswith("合計"))
    assert total.endswith("¥4,700") and cells(total) == COLUMNS[80] // 2  # double size
    tax = next(line for line in job.texts if "10%対象" in line)
    assert tax.endswith("内消費税 ¥87)") and cells(tax) == COLUMNS[80]
    change = next(line for line in job.texts if line.startswith("お釣り"))
    assert change.endswith("¥5,300")


def test_a_58mm_kitchen_ticket_fits_its_columns() -> None:
    printer = EmulatedPrinter(384)
    _, [job] = printer.feed(kanji_job(japanese_slip("kitchen"), 58))
    assert any(line.startswith("天ざるそば") and line.endswith("×2") for line in job.texts)
    assert all(cells(line) <= COLUMNS[58] for line in job.texts)
