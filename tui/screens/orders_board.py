"""The order board on every desk, live: 受付 → 調理中 → 配達中 → 完了 (or キャンセル), promise
times with a late warning, drivers, filters, reprint, the day's summary and a driver's close-out."""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, OptionList
from textual.widgets.option_list import Option

from appliance.contract import OrderOut
from tui.client import orders_api, printing
from tui.client.errors import DeskError, StaleEditError
from tui.format import money, order_status
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog, DeskScreen

FILTERS = ("all", "open", "delivery", "late")
FLOW = ("received", "cooking", "delivering", "done")
FINAL = ("done", "cancelled")


def next_status(order: OrderOut, step: int) -> str | None:
    """One step forward (1) or back (-1) on the board; a pick-up skips 配達中."""
    flow = FLOW if order.service == "delivery" else ("received", "cooking", "done")
    if order.status not in flow:
        return None
    i = flow.index(order.status) + step
    return flow[i] if 0 <= i < len(flow) else None


def is_late(order: OrderOut, now: dt.datetime) -> bool:
    """Not done and past its promise time."""
    if order.status in FINAL or order.promise_at is None:
        return False
    promise = order.promise_at
    promise = promise if promise.tzinfo else promise.replace(tzinfo=dt.UTC)
    return promise < now


class DriverDialog(DeskDialog):
    """Pick a driver: dismissed with a user id, 0 for nobody, or None."""

    BINDINGS = [key("escape", "cancel", "key.close")]  # noqa: RUF012

    def __init__(self, people: list[tuple[int, str]]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        """The list."""
        with Vertical(classes="dialog"):
            yield Label(t("orders.pick_driver"), classes="heading")
            yield OptionList(
                Option(t("orders.no_driver"), id="0"),
                *(Option(name, id=str(uid)) for uid, name in self.people),
                id="drivers",
            )

    def on_mount(self) -> None:
        """Focus the list."""
        super().on_mount()
        self.query_one("#drivers", OptionList).focus()

    @on(OptionList.OptionSelected, "#drivers")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """This one."""
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Escape: no change."""
        self.dismiss(None)


class OrdersBoardScreen(DeskScreen):
    """n moves the selected order on, b back, x cancels, d gives it to a driver, r reprints,
    f filters, s the day's summary, c the driver's close-out; every desk sees each move."""

    BINDINGS = [  # noqa: RUF012
        key("n", "next", "orders.next"),
        key("b", "back", "orders.back"),
        key("x", "cancel_order", "orders.cancel"),
        key("d", "driver", "orders.driver"),
        key("r", "reprint", "orders.reprint"),
        key("f", "filter", "orders.filter"),
        key("s", "summary", "orders.summary"),
        key("c", "closeout", "orders.closeout"),
        key("escape", "back_out", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.orders: dict[int, OrderOut] = {}
        self.shown: list[int] = []
        self.filter = "all"

    def body(self) -> ComposeResult:
        """Heading, the table, the summary line."""
        with Vertical(id="orders-board"):
            yield Label(t("orders.title"), id="orders-heading", classes="heading")
            yield DataTable(id="orders-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="orders-note", classes="hint")

    def on_mount(self) -> None:
        """Load the day."""
        super().on_mount()
        self.load()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#orders-table", DataTable).add_columns(
            t("orders.col.no"),
            t("orders.col.promise"),
            t("orders.col.status"),
            t("orders.col.customer"),
            t("orders.col.total"),
            t("orders.col.payment"),
            t("orders.col.driver"),
            t("orders.col.address"),
        )

    @work(exclusive=True, group="orders-board")
    async def load(self) -> None:
        """GET /orders/board."""
        try:
            day = await orders_api.board(self.api)
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        self.orders = {o.id: o for o in day.orders}
        self.redraw()

    def state_changed(self, reload: bool) -> None:
        """After a language switch or a resync: the day again from the box."""
        if reload:
            self.load()

    def order_changed(self, order: OrderOut) -> None:
        """An order moved on some desk: its row changes here at once."""
        self.orders[order.id] = order
        self.redraw()

    def _visible(self, now: dt.datetime) -> list[OrderOut]:
        rows = sorted(
            self.orders.values(),
            key=lambda o: (o.status in FINAL, o.promise_at or o.ordered_at, o.id),
        )
        if self.filter == "open":
            return [o for o in rows if o.status not in FINAL]
        if self.filter == "delivery":
            return [o for o in rows if o.service == "delivery" and o.status not in FINAL]
        if self.filter == "late":
            return [o for o in rows if is_late(o, now)]
        return rows

    def redraw(self) -> None:
        """The rows in promise order (done and cancelled last), late ones marked."""
        table = self.query_one("#orders-table", DataTable)
        row = table.cursor_row
        table.clear()
        now = dt.datetime.now(dt.UTC)
        visible = self._visible(now)
        self.shown = [o.id for o in visible]
        for o in visible:
            promise = o.promise_at.replace(tzinfo=dt.UTC) if o.promise_at else None
            when = promise.astimezone().strftime("%H:%M") if promise else "—"
            late = is_late(o, now)
            table.add_row(
                f"{o.day_no:03d}",
                f"{when} {t('orders.late')}" if late else when,
                order_status(o.status),
                o.customer_name,
                money(o.total, o.currency),
                t(f"order.payment.{o.payment}"),
                o.driver or "",
                o.address or t(f"order.service.{o.service}"),
                key=str(o.id),
            )
        if visible and row is not None:
            table.move_cursor(row=min(row, len(visible) - 1))
        heading = f"{t('orders.title')}  [{t(f'orders.filter.{self.filter}')}]"
        self.query_one("#orders-heading", Label).update(heading)
        if not visible:
            self.query_one("#orders-note", Label).update(t("orders.empty"))

    def _selected(self) -> OrderOut | None:
        table = self.query_one("#orders-table", DataTable)
        if not self.shown or table.cursor_row is None:
            return None
        return self.orders.get(self.shown[min(table.cursor_row, len(self.shown) - 1)])

    def action_next(self) -> None:
        """n: one step on."""
        self._move(1)

    def action_back(self) -> None:
        """b: one step back (a slip of the hand)."""
        self._move(-1)

    def _move(self, step: int) -> None:
        order = self._selected()
        if order is None:
            return
        status = next_status(order, step)
        if status is not None:
            self.set_status(order, status)

    def action_cancel_order(self) -> None:
        """x: cancel the selected order (not one that is done)."""
        order = self._selected()
        if order is not None and order.status not in FINAL:
            self.set_status(order, "cancelled")

    @work(group="orders-move")
    async def set_status(self, order: OrderOut, status: str) -> None:
        """PUT the move; a desk that moved it first wins and this one shows theirs."""
        try:
            moved = await orders_api.set_status(self.api, order.id, order.version, status)
        except StaleEditError:
            self.notify(t("orders.moved_meanwhile"), severity="warning")
            self.load()
            return
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        self.order_changed(moved)

    @work(group="orders-move")
    async def action_driver(self) -> None:
        """d: give the selected delivery to a driver."""
        order = self._selected()
        if order is None or order.service != "delivery":
            return
        try:
            people = await self.desk.user_directory()
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        names = [(u.id, u.display_name or u.username) for u in people]
        chosen = await self.app.push_screen_wait(DriverDialog(names))
        if not isinstance(chosen, int):
            return
        try:
            moved = await orders_api.assign_driver(
                self.api, order.id, order.version, chosen or None
            )
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        self.order_changed(moved)

    @work(group="orders-move")
    async def action_reprint(self) -> None:
        """r: the order's kitchen ticket and delivery slip again."""
        order = self._selected()
        if order is None:
            return
        try:
            await printing.reprint_order(self.api, order.id)
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        self.notify(t("orders.reprinted", no=f"{order.day_no:03d}"))

    def action_filter(self) -> None:
        """f: all → open → deliveries → late → all."""
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.redraw()

    @work(group="orders-info")
    async def action_summary(self) -> None:
        """s: the business day's sales under the board."""
        try:
            day = await orders_api.summary(self.api)
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        cur = next(iter(self.orders.values())).currency if self.orders else "JPY"
        taxes = "  ".join(
            f"{r.rate_bp / 100:g}%{'※' if r.reduced else ''} {money(r.amount, cur)}"
            f" ({money(r.tax, cur)})"
            for r in day.taxes
        )
        self.query_one("#orders-note", Label).update(
            t(
                "orders.summary_line",
                day=day.business_date.isoformat(),
                orders=day.orders,
                sales=money(day.sales, cur),
                cancelled=day.cancelled,
            )
            + f"  {taxes}"
        )

    @work(group="orders-info")
    async def action_closeout(self) -> None:
        """c: the selected order's driver: deliveries, total, cash to bring back."""
        order = self._selected()
        if order is None or order.driver_id is None:
            self.notify(t("orders.no_driver_here"), severity="warning")
            return
        try:
            out = await orders_api.closeout(self.api, order.driver_id)
        except DeskError as exc:
            self.fail(exc, "orders")
            return
        cur = order.currency
        self.query_one("#orders-note", Label).update(
            t(
                "orders.closeout_line",
                driver=out.driver,
                orders=out.orders,
                done=out.done,
                total=money(out.total, cur),
                cash=money(out.cash_to_collect, cur),
            )
        )

    def action_back_out(self) -> None:
        """Escape: back."""
        self.dismiss(None)
