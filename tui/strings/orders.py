"""Desk strings of the restaurant's orders: the board's statuses, order entry, the menu."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "order.status.received": ("受付", "received"),
    "order.status.cooking": ("調理中", "cooking"),
    "order.status.delivering": ("配達中", "out for delivery"),
    "order.status.done": ("完了", "done"),
}
