"""Strings of deleting a customer at the desk and of the undo list."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "key.delete_customer": ("顧客を削除", "Delete customer"),
    "key.trash": ("削除の取り消し", "Undo deletes"),
    "delete.title": ("この顧客を削除しますか？", "Delete this customer?"),
    "delete.body": (
        "{name} — 履歴は残ります。Alt+U の一覧からいつでも元に戻せます。",
        "{name} — the history stays; Alt+U lists deleted customers to bring back.",
    ),
    "delete.yes": ("削除する", "Delete"),
    "delete.no": ("やめる", "Keep"),
    "delete.done": (
        "{name} を削除しました (Alt+U で元に戻せます)",
        "{name} deleted (Alt+U undoes it)",
    ),
    "delete.stale": (
        "他の人がこの顧客を変更しました: 最新の内容を確かめてからもう一度どうぞ",
        "someone else changed this customer: check it as it is now, then try again",
    ),
    "trash.title": ("削除した顧客 (Enter で元に戻す)", "Deleted customers (Enter brings one back)"),
    "trash.empty": ("削除した顧客はいません", "no deleted customers"),
    "trash.restored": ("{name} を元に戻しました", "{name} is back"),
    "trash.deleted_at": ("削除日時", "Deleted"),
    "trash.by": ("削除した人", "By"),
}
