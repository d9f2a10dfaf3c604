"""Strings of the card's phones, emails and addresses (add, edit, remove, undo)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "contact.add_phone": ("電話+", "Phone+"),
    "contact.add_email": ("メール+", "E-mail+"),
    "contact.add_address": ("住所+", "Address+"),
    "contact.undo": ("削除を元に戻す", "Undo removal"),
    "contact.remove": ("削除", "Remove"),
    "contact.edit": ("編集", "Edit"),
    "contact.save": ("保存", "Save"),
    "contact.title.phone": ("電話番号", "Phone number"),
    "contact.title.email": ("メールアドレス", "E-mail address"),
    "contact.title.address": ("住所", "Address"),
    "contact.title.new_caller": ("新しいお客様の住所", "New caller's address"),
    "contact.number": ("番号", "Number"),
    "contact.address": ("アドレス", "Address"),
    "contact.label": ("種類", "Label"),
    "contact.labels.phone": ("自宅,携帯,勤務先,店,FAX,その他", "Home,Mobile,Work,Shop,Fax,Other"),
    "contact.labels.email": ("個人,勤務先,その他", "Personal,Work,Other"),
    "contact.labels.address": (
        "自宅,勤務先,配達先,請求先,その他",
        "Home,Work,Delivery,Billing,Other",
    ),
    "contact.label_hint": ("例: {labels}", "e.g. {labels}"),
    "contact.country": ("国", "Country"),
    "contact.postal_code": ("郵便番号", "Postal code"),
    "contact.prefecture": ("都道府県", "State/prefecture"),
    "contact.city": ("市区町村", "City"),
    "contact.line1": ("番地", "Street"),
    "contact.line2": ("建物・部屋", "Building, room"),
    "contact.delivery_notes": ("配達メモ", "Delivery notes"),
    "contact.notes_hint": ("例: 裏口 / インターホン故障", "e.g. back door / bell broken"),
    "contact.name": ("お名前", "Name"),
    "contact.caller_number": ("着信番号: {number}", "Caller's number: {number}"),
    "contact.need_number": ("番号を入れてください", "type the number"),
    "contact.need_email": (
        "メールアドレスを入れてください (例 name@example.jp)",
        "type an address like name@example.com",
    ),
    "contact.need_address": (
        "郵便番号か住所を入れてください",
        "type a postal code or an address",
    ),
    "contact.need_name": ("お名前を入れてください", "type the caller's name"),
    "contact.stale": (
        "他の人が先にこの{what}を変更しました: 今の内容に入れ替えました。"
        "直して保存し直してください",
        "someone else changed this {what} first: it now shows theirs; change it and save again",
    ),
    "contact.gone": (
        "この{what}は他の人が削除しました",
        "someone else removed this {what}",
    ),
    "contact.removed": (
        "{what}を削除しました (Alt+Z で元に戻す)",
        "{what} removed (Alt+Z undoes it)",
    ),
    "contact.restored": ("{what}を元に戻しました", "{what} is back"),
    "contact.nothing_to_undo": ("元に戻す削除はありません", "nothing to undo"),
    "contact.what.phone": ("電話番号", "phone number"),
    "contact.what.email": ("メールアドレス", "e-mail address"),
    "contact.what.address": ("住所", "address"),
    "contact.none": (
        "連絡先なし — Alt+D 電話 / Alt+M メール / Alt+A 住所",
        "no contacts — Alt+D phone / Alt+M e-mail / Alt+A address",
    ),
    "contact.same_number": ("同じ番号", "Same number"),
    "pop.address": ("住所を記録", "Note address"),
}
