"""The desk's words for business cards: the exchange on the pop, the scan dialog and its form."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "bizcard.exchanged": ("名刺交換 {on} {where}", "Cards exchanged {on} {where}"),
    "bizcard.key": ("名刺", "Card scan"),
    "bizcard.heading": ("名刺を読み取る", "Read a business card"),
    "bizcard.path": ("画像ファイルのパス (JPEG, PNG…)", "image file path (JPEG, PNG…)"),
    "bizcard.read": ("読み取る", "Read"),
    "bizcard.help": (
        "スマホの写真やスキャンした名刺の画像ファイルを指定して Enter",
        "Name a photo or scan of the card and press Enter",
    ),
    "bizcard.reading_now": ("読み取り中… (数秒かかります)", "Reading… (a few seconds)"),
    "bizcard.no_file": ("ファイルが見つかりません", "no such file"),
    "bizcard.too_big": (
        "ファイルが大きすぎます (20 MB まで)",
        "the file is too large (20 MB at most)",
    ),
    "bizcard.bad_file": ("読み込めません: {why}", "cannot read it: {why}"),
    "bizcard.failed": ("できませんでした: {why}", "that did not work: {why}"),
    "bizcard.check": (
        "内容を確認・修正して Ctrl+S で保存 · 一致した顧客 {n} 件",
        "Check or correct, then Ctrl+S · customers matched: {n}",
    ),
    "bizcard.check_low": (
        "読みにくい項目あり: 確認・修正して Ctrl+S · 一致した顧客 {n} 件",
        "Some fields were hard to read: check, then Ctrl+S · matched: {n}",
    ),
    "bizcard.bad_date": (
        "日付は 2026-10-12 の形で入力してください",
        "write the date as 2026-10-12",
    ),
    "bizcard.no_name": ("氏名か会社名を入力してください", "a name or a company is needed"),
    "bizcard.saved": ("名刺を保存しました", "business card kept"),
    "bizcard.save": ("保存", "Save"),
    "bizcard.name": ("氏名", "Name"),
    "bizcard.reading": ("フリガナ", "Reading"),
    "bizcard.company": ("会社", "Company"),
    "bizcard.department": ("部署", "Department"),
    "bizcard.title": ("役職", "Title"),
    "bizcard.postal_code": ("郵便番号", "Postal code"),
    "bizcard.address": ("住所", "Address"),
    "bizcard.tel": ("電話", "Tel"),
    "bizcard.fax": ("FAX", "Fax"),
    "bizcard.mobile": ("携帯", "Mobile"),
    "bizcard.email": ("メール", "E-mail"),
    "bizcard.url": ("URL", "URL"),
    "bizcard.exchanged_on": ("交換日", "Exchanged on"),
    "bizcard.exchanged_where": ("交換場所", "Where"),
    "bizcard.where_hint": ("展示会、商談、来店…", "trade fair, meeting, visit…"),
    "bizcard.customer": ("保存先", "Keep with"),
    "bizcard.new": ("新しい顧客として登録", "a new customer"),
    "bizcard.by_phone": ("電話番号が一致", "same phone"),
    "bizcard.by_email": ("メールが一致", "same e-mail"),
    "bizcard.by_name": ("氏名が一致", "same name"),
}
