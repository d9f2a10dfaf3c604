"""The desk's words for printing: printer warnings, the print job list and its reprint key."""
# ruff: noqa: E501  (catalogue rows read best one per line, whatever their length)

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "warning.printer_offline": (
        "プリンタ「{printer}」に接続できません (電源・ケーブル・ネットワークを確認してください): {waiting} 件の印刷を保留中",
        "printer “{printer}” cannot be reached (check its power, cable and network): {waiting} job(s) kept",
    ),
    "warning.printer_paper_out": (
        "プリンタ「{printer}」の用紙がありません: ロール紙を補充してください ({waiting} 件の印刷を保留中)",
        "printer “{printer}” is out of paper: load a new roll ({waiting} job(s) kept)",
    ),
    "warning.printer_no_font": (
        "プリンタ「{printer}」: 日本語フォントがありません (箱に fonts-ipafont-gothic を入れてください)。{waiting} 件を保留中",
        "printer “{printer}”: no Japanese font on the box (install fonts-ipafont-gothic); {waiting} job(s) kept",
    ),
    "warning.no_printer": (
        "{kind}を印刷するプリンタが ringdesk.toml にありません: {waiting} 件を保留中",
        "no printer in ringdesk.toml prints {kind}: {waiting} job(s) kept",
    ),
    "print.kind.kitchen": ("厨房伝票", "kitchen tickets"),
    "print.kind.delivery": ("配達伝票", "delivery slips"),
}
