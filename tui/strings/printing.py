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
    "print.slip.kitchen": ("厨房伝票", "Kitchen ticket"),
    "print.slip.delivery": ("配達伝票", "Delivery slip"),
    "key.printing": ("印刷", "Printing"),
    "print.title": ("印刷: プリンタと伝票", "Printing: printers and slips"),
    "print.printer": (
        "{name} ({role}): {state} — 保留 {waiting} 件",
        "{name} ({role}): {state} — {waiting} waiting",
    ),
    "print.role.kitchen": ("厨房伝票", "kitchen tickets"),
    "print.role.delivery": ("配達伝票", "delivery slips"),
    "print.role.all": ("すべての伝票", "every slip"),
    "print.ready": ("印刷できます", "ready"),
    "print.problem.offline": ("接続できません", "cannot be reached"),
    "print.problem.paper_out": ("用紙切れ", "out of paper"),
    "print.problem.no_font": ("日本語フォントなし", "no Japanese font"),
    "print.problem.no_printer": ("プリンタ未設定", "no printer for it"),
    "print.no_printers": ("プリンタが ringdesk.toml にありません", "no printer in ringdesk.toml"),
    "print.col.order": ("注文", "Order"),
    "print.col.kind": ("伝票", "Slip"),
    "print.col.printer": ("プリンタ", "Printer"),
    "print.state.printed": ("印刷済み", "printed"),
    "print.state.waiting": ("印刷待ち", "waiting"),
    "print.reprinted": ("(再発行)", "(reprint)"),
    "print.empty": ("まだ何も印刷していません", "nothing printed yet"),
    "print.reprint": ("再印刷", "Reprint"),
    "print.test": ("テスト印字", "Test print"),
    "print.sent": ("印刷キューに入れました", "sent to the print queue"),
}
