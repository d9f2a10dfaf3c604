"""The box's order and menu calls, for the desk's order entry and board (no Textual)."""

from __future__ import annotations

from appliance.contract import (
    BoardOut,
    CloseoutOut,
    DaySummaryOut,
    DriverIn,
    MenuOut,
    OrderDraftOut,
    OrderIn,
    OrderOut,
    QuoteOut,
    StatusIn,
)
from tui.client.box_client import BoxClient


async def menu(api: BoxClient) -> MenuOut:
    """The menu in order, with the shop's tax scheme."""
    return await api.call(MenuOut, "GET", "/menu")


async def order_draft(api: BoxClient, customer_id: int) -> OrderDraftOut:
    """The usual order at today's menu and the caller's addresses, most used first."""
    return await api.call(OrderDraftOut, "GET", f"/customers/{customer_id}/order-draft")


async def quote(api: BoxClient, customer_id: int, body: OrderIn) -> QuoteOut:
    """What the order would come to, priced by the box (nothing stored)."""
    return await api.call(QuoteOut, "POST", f"/customers/{customer_id}/orders/quote", json=body)


async def place(api: BoxClient, customer_id: int, body: OrderIn) -> OrderOut:
    """Confirm the order (its slips print)."""
    return await api.call(OrderOut, "POST", f"/customers/{customer_id}/orders", json=body)


async def set_status(api: BoxClient, order_id: int, version: int, status: str) -> OrderOut:
    """Move an order on the board."""
    body = StatusIn.model_validate({"version": version, "status": status})
    return await api.call(OrderOut, "PUT", f"/orders/{order_id}/status", json=body)


async def assign_driver(
    api: BoxClient, order_id: int, version: int, driver_id: int | None
) -> OrderOut:
    """Give a delivery to a driver, or take it back."""
    body = DriverIn(version=version, driver_id=driver_id)
    return await api.call(OrderOut, "PUT", f"/orders/{order_id}/driver", json=body)


async def board(api: BoxClient) -> BoardOut:
    """Today's business day's orders and those still open."""
    return await api.call(BoardOut, "GET", "/orders/board")


async def closeout(api: BoxClient, driver_id: int) -> CloseoutOut:
    """A driver's day so far."""
    return await api.call(CloseoutOut, "GET", "/orders/closeout", params={"driver_id": driver_id})


async def summary(api: BoxClient) -> DaySummaryOut:
    """Today's business day's sales."""
    return await api.call(DaySummaryOut, "GET", "/orders/summary")
