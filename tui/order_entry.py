"""Taking an order at the desk: the menu and the caller's draft fetched together, the order
dialog (the usual already in when asked), the order confirmed and its number said."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from appliance.contract import OrderIn, OrderOut, QuoteOut
from tui.client import orders_api
from tui.client.errors import DeskError
from tui.dialogs.order import OrderDialog
from tui.format import money
from tui.i18n import t
from tui.messages import Failed

if TYPE_CHECKING:
    from tui.actions import DeskActions
    from tui.state import LiveCall


async def take_order(
    desk: DeskActions, customer_id: int, call_id: int | None, *, usual: bool, name: str = ""
) -> OrderOut | None:
    """The order dialog for the customer; the order placed (its slips print) or None."""
    api = desk.api
    if api is None:
        return None
    try:
        menu, draft = await asyncio.gather(
            orders_api.menu(api), orders_api.order_draft(api, customer_id)
        )
    except DeskError as exc:
        desk.post_message(Failed(exc, "order"))
        return None

    async def quoter(body: OrderIn) -> QuoteOut:
        return await orders_api.quote(api, customer_id, body)

    dialog = OrderDialog(
        menu,
        call_id,
        draft=draft,
        customer_name=name,
        usual=usual and bool(draft.usual),
        quoter=quoter,
    )
    body = await desk.push_screen_wait(dialog)
    if not isinstance(body, OrderIn):
        return None
    try:
        out = await orders_api.place(api, customer_id, body)
    except DeskError as exc:
        desk.post_message(Failed(exc, "order"))
        return None
    desk.notify(t("order.placed_no", no=f"{out.day_no:03d}", total=money(out.total, out.currency)))
    return out


async def usual_from_pop(desk: DeskActions, live: LiveCall) -> None:
    """u on the pop: take the call if it still rings, the card, then the usual order in."""
    customer_id = live.customer_id
    if customer_id is None and len(live.pop.customers) == 1:
        customer_id = live.pop.customers[0].customer_id
    if customer_id is None:
        return
    name = next((c.display_name for c in live.pop.customers if c.customer_id == customer_id), "")
    live.customer_id = customer_id
    if not live.claimed_by_me and not live.over:
        await desk.claim(live.call_id).wait()  # opens the card
    else:
        desk.open_customer(customer_id, call_id=live.call_id)
    await take_order(desk, customer_id, live.call_id, usual=True, name=name)
