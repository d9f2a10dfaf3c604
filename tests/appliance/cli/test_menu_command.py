"""`ringdesk menu import|add|sold-out|list` on a box, as its owner would run them: a Shift_JIS
CSV and an .xlsx with Japanese headers, a bad row reported, a column set with --map."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.core.usecases.menu import the_menu

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]
CSV = (
    "分類,商品名,よみ,価格,税区分,オプション\n"
    '麺類,天ぷらそば,てんぷらそば,"￥1,200",8%,大盛り+150;わさび抜き\n'
    "麺類,ざるそば,ざるそば,800円,,\n"
    "飲み物,瓶ビール,びんびーる,650,10%,\n"
    "飲み物,ラムネ,らむね,時価,8%,\n"
)


@pytest.fixture
def box(tmp_path: Path) -> Path:
    data = tmp_path / "box"
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    return data


def _menu(data: Path) -> list[tuple[str, int, str, bool, list[str]]]:
    store = open_store_for(data)
    try:
        got = store.executor.call(the_menu, True)
    finally:
        store.close()
    return [
        (p.name, p.unit_price, p.tax_class, p.sold_out, [o.name for o in p.options])
        for p in got.products
    ]


def test_csv_with_a_bad_row(box: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "menu.csv"
    sheet.write_bytes(CSV.encode("cp932"))
    assert main(["menu", "import", str(sheet), "--data", str(box)]) == 1
    out = capsys.readouterr().out
    assert "行 row 5" in out and "時価" in out and "D 価格 → price" in out
    assert "B 商品名 → name" in out and _menu(box) == []  # nothing written
    assert main(["menu", "import", str(sheet), "--good-rows", "--data", str(box)]) == 0
    assert _menu(box) == [
        ("天ぷらそば", 1200, "reduced", False, ["大盛り", "わさび抜き"]),
        ("ざるそば", 800, "reduced", False, []),
        ("瓶ビール", 650, "standard", False, []),
    ]
    assert main(["menu", "sold-out", "ざるそば", "--data", str(box)]) == 0
    assert (
        main(
            [
                "menu",
                "add",
                "かけそば",
                "600",
                "--category",
                "麺類",
                "--option",
                "ネギ多め",
                "--data",
                str(box),
            ]
        )
        == 0
    )
    assert main(["menu", "list", "--data", str(box)]) == 0
    listed = capsys.readouterr().out
    assert "ざるそば\t800\treduced [品切れ sold out]" in listed and "かけそば" in listed


def test_xlsx_with_a_column_set_by_hand(box: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["メニュー名", "金額", "メモ"])
    ws.append(["Pad Thai", 1450, "spicy"])
    ws.append(["Green Curry", "1,350", ""])
    path = tmp_path / "menu.xlsx"
    book.save(path)
    assert main(["menu", "import", str(path), "--map", "金額=price", "--data", str(box)]) == 0
    assert [(n, p) for n, p, *_ in _menu(box)] == [("Pad Thai", 1450), ("Green Curry", 1350)]
    # the same file again updates, never doubles
    assert main(["menu", "import", str(path), "--map", "B=price", "--data", str(box)]) == 0
    assert len(_menu(box)) == 2


def test_zones_add_and_list(box: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zones", "list", "--data", str(box)]) == 0
    assert "no zones" in capsys.readouterr().out
    assert (
        main(
            [
                "zones",
                "add",
                "本郷",
                "--match",
                "113-0033",
                "--match",
                "本郷",
                "--fee",
                "200",
                "--minimum",
                "1500",
                "--minutes",
                "25",
                "--data",
                str(box),
            ]
        )
        == 0
    )
    assert main(["zones", "add", "空", "--match", " ", "--data", str(box)]) == 1
    assert main(["zones", "list", "--data", str(box)]) == 0
    assert "本郷\tfee 200\tmin 1500\t25 min\t113-0033, 本郷" in capsys.readouterr().out
