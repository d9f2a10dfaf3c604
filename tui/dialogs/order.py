"""Order entry: the usual order already in (from the pop), products found as you type, lines
with quantities, options and remarks, a free-text line, delivery or pick-up, the time, payment
and change, which address, remarks; the box prices it as it changes (tax per rate)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from appliance.contract import (
    MenuOut,
    OrderDraftOut,
    OrderIn,
    OrderItemIn,
    ProductOut,
    QuoteOut,
)
from appliance.contract.search_keys import fold
from tui.dialogs.order_parts import OptionsDialog, TextDialog
from tui.dialogs.order_terms import free_line, parse_time, receipt_lines
from tui.dialogs.unsaved import close_or_ask
from tui.format import money
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog

Quoter = Callable[[OrderIn], Awaitable[QuoteOut]]


@dataclass
class Line:
    """One line of the order: a product with options, or free text with a price."""

    product: ProductOut | None
    qty: int
    option_ids: list[int] = field(default_factory=list)
    remarks: str = ""
    description: str = ""
    unit_price: int = 0

    @property
    def unit(self) -> int:
        """One, with its options (the box computes the real totals)."""
        if self.product is None:
            return self.unit_price
        extra = sum(o.price_delta for o in self.product.options if o.id in self.option_ids)
        return self.product.unit_price + extra

    @property
    def total(self) -> int:
        """qty × unit."""
        return self.qty * self.unit

    def words(self) -> str:
        """天ざる (大盛り・わさび抜き)."""
        name = self.product.name if self.product is not None else self.description
        extra = (
            [o.name for o in self.product.options if o.id in self.option_ids]
            if (self.product is not None)
            else []
        )
        extra += [self.remarks] if self.remarks else []
        return name + (f" ({'・'.join(extra)})" if extra else "")

    def item(self) -> OrderItemIn:
        """The line on the wire."""
        if self.product is not None:
            return OrderItemIn(
                product_id=self.product.id,
                qty=self.qty,
                option_ids=list(self.option_ids),
                remarks=self.remarks,
            )
        return OrderItemIn(
            qty=self.qty,
            description=self.description,
            unit_price=self.unit_price,
            remarks=self.remarks,
        )


class OrderDialog(DeskDialog):
    """Dismissed with an OrderIn (ctrl+s) or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "place", "order.save", priority=True),
        key("plus", "more", "order.qty", show=False),
        key("minus", "less", "order.qty", show=False),
        key("delete", "drop", "order.drop", show=False),
        key("ctrl+p", "options", "order.options"),
        key("ctrl+r", "remarks", "order.line_remarks"),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(
        self,
        menu: MenuOut | list[ProductOut],
        call_id: int | None = None,
        *,
        draft: OrderDraftOut | None = None,
        customer_name: str = "",
        usual: bool = False,
        quoter: Quoter | None = None,
    ) -> None:
        super().__init__()
        self.products = menu.products if isinstance(menu, MenuOut) else menu
        self.call_id, self.draft, self.customer_name = (
            call_id,
            draft or OrderDraftOut(),
            customer_name,
        )
        self.quoter = quoter
        self.quote: QuoteOut | None = None
        self.lines: list[Line] = self._usual() if usual else []
        self.problem = ""

    def _usual(self) -> list[Line]:
        by_id = {p.id: p for p in self.products}
        out = []
        for item in self.draft.usual:
            product = by_id.get(item.product_id or 0)
            if item.product_id is not None and product is None:
                continue
            out.append(
                Line(
                    product,
                    item.qty,
                    list(item.option_ids),
                    item.remarks,
                    item.description,
                    item.unit_price or 0,
                )
            )
        return out

    def compose(self) -> ComposeResult:
        """Find, lines, terms, address, remarks, the receipt."""
        service = self.draft.usual_service
        with Vertical(id="order", classes="dialog"):
            yield Label(f"{t('order.title')}  {self.customer_name}", classes="heading")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("order.filter"), id="filter", compact=True)
                yield Input(
                    value="1", placeholder=t("order.qty"), id="qty", type="integer", compact=True
                )
            yield OptionList(id="products")
            yield DataTable(id="lines", cursor_type="row")
            with Horizontal(classes="terms"):
                yield Select(
                    [(t(f"order.service.{s}"), s) for s in ("delivery", "pickup", "eat_in")],
                    value=service,
                    allow_blank=False,
                    id="service",
                    compact=True,
                )
                yield Input(placeholder=t("order.when"), id="when", compact=True)
                yield Select(
                    [(t(f"order.payment.{p}"), p) for p in ("cash", "card", "qr")],
                    value=self.draft.usual_payment,
                    allow_blank=False,
                    id="payment",
                    compact=True,
                )
                yield Input(
                    placeholder=t("order.tendered"), id="tendered", type="integer", compact=True
                )
            yield Select(
                [
                    (f"{a.label + ' ' if a.label else ''}{a.text}", a.address_id)
                    for a in self.draft.addresses
                ],
                value=self.draft.addresses[0].address_id if self.draft.addresses else Select.BLANK,
                prompt=t("order.no_address"),
                id="address",
                compact=True,
            )
            yield Input(placeholder=t("order.remarks"), id="note", compact=True)
            yield Static("", id="receipt")
            with Horizontal(classes="buttons"):
                yield Label("", id="total")
                yield Button(f"{t('order.save')} [ctrl+s]", id="place", variant="primary")

    def on_mount(self) -> None:
        """The menu, the lines so far, the first quote (laid out to fit 80x24)."""
        super().on_mount()
        self._fit()
        self.query_one("#lines", DataTable).add_columns(
            t("order.product"), t("order.qty"), t("order.line_total")
        )
        self.filter("")
        self.redraw()
        if self.lines:
            self.query_one("#place", Button).focus()
        else:
            self.query_one("#filter", Input).focus()

    def _fit(self) -> None:
        box = self.query_one("#order")
        box.styles.padding = (0, 1)
        box.styles.max_height = "100%"
        for row in self.query("#order .row, #order .terms"):
            row.styles.height = 1
            row.styles.margin = (0, 0, 1, 0)
        self.query_one("#qty").styles.width = 8
        products = self.query_one("#products")
        products.styles.height, products.styles.border = 4, ("none", "black")
        lines = self.query_one("#lines")
        lines.styles.height, lines.styles.max_height, lines.styles.min_height = "auto", 6, 2
        for select in self.query("#order .terms Select"):
            select.styles.width = 16
        for name in ("#when", "#tendered"):
            self.query_one(name).styles.width = "1fr"
        self.query_one("#receipt").styles.height = "auto"

    @on(Input.Changed, "#filter")
    def typed(self, event: Input.Changed) -> None:
        """Narrow the list as the operator types."""
        self.filter(event.value)

    def filter(self, text: str) -> None:
        """Products whose name, reading or SKU contain the folded text (sold out marked)."""
        key_ = fold(text)
        options = self.query_one("#products", OptionList)
        options.clear_options()
        for p in self.products:
            if not key_ or key_ in fold(f"{p.name} {p.reading} {p.sku}"):
                mark = f"  [{t('order.sold_out')}]" if p.sold_out else ""
                options.add_option(
                    Option(f"{p.name}  {money(p.unit_price, p.currency)}{mark}", id=str(p.id))
                )

    @on(Input.Submitted, "#filter")
    def to_list(self, event: Input.Submitted) -> None:
        """Enter in the filter: pick from the list; no match: a free line ("おにぎり 150")."""
        options = self.query_one("#products", OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0
            return
        line = free_line(event.value)
        if line is None:
            self.notify(t("order.free_hint"), severity="warning")
            return
        self.lines.append(Line(None, self._qty(), description=line[0], unit_price=line[1]))
        self._after_add()

    def _qty(self) -> int:
        text = self.query_one("#qty", Input).value
        return max(1, min(10000, int(text))) if text.isdigit() else 1

    @on(OptionList.OptionSelected, "#products")
    def add(self, event: OptionList.OptionSelected) -> None:
        """Enter on a product: add it with the quantity given."""
        product = next(p for p in self.products if str(p.id) == event.option.id)
        if product.sold_out:
            self.notify(t("order.is_sold_out", name=product.name), severity="warning")
            return
        self.add_product(product, self._qty())
        self._after_add()

    def _after_add(self) -> None:
        self.query_one("#qty", Input).value = "1"
        self.query_one("#filter", Input).value = ""
        self.query_one("#filter", Input).focus()

    def add_product(self, product: ProductOut, qty: int) -> None:
        """Add (or add to) a line of the product without options."""
        line = next(
            (x for x in self.lines if x.product is product and not x.option_ids and not x.remarks),
            None,
        )
        if line is None:
            self.lines.append(Line(product, qty))
        else:
            line.qty += qty
        self.redraw()

    def _selected(self) -> Line | None:
        table = self.query_one("#lines", DataTable)
        if not self.lines or table.cursor_row is None:
            return None
        return self.lines[min(table.cursor_row, len(self.lines) - 1)]

    def action_more(self) -> None:
        """+: one more of the selected line."""
        if (line := self._selected()) is not None:
            line.qty += 1
            self.redraw()

    def action_less(self) -> None:
        """-: one fewer (none: the line goes)."""
        if (line := self._selected()) is not None:
            line.qty -= 1
            if line.qty <= 0:
                self.lines.remove(line)
            self.redraw()

    def action_drop(self) -> None:
        """Delete: the selected line goes."""
        if (line := self._selected()) is not None:
            self.lines.remove(line)
            self.redraw()

    @work(group="order-line")
    async def action_options(self) -> None:
        """ctrl+p: the selected line's options (toppings)."""
        line = self._selected()
        if line is None or line.product is None or not line.product.options:
            self.notify(t("order.no_options"), severity="warning")
            return
        chosen = await self.app.push_screen_wait(
            OptionsDialog(
                line.product.name, line.product.options, line.option_ids, line.product.currency
            )
        )
        if isinstance(chosen, list):
            line.option_ids = [int(x) for x in chosen]
            self.redraw()

    @work(group="order-line")
    async def action_remarks(self) -> None:
        """ctrl+r: the selected line's remarks (わさび抜き)."""
        line = self._selected()
        if line is None:
            return
        text = await self.app.push_screen_wait(TextDialog(t("order.line_remarks"), line.remarks))
        if isinstance(text, str):
            line.remarks = text
            self.redraw()

    @property
    def total(self) -> int:
        """Sum of the lines (the box's quote adds the fee and tax)."""
        return sum(x.total for x in self.lines)

    def redraw(self) -> None:
        """Lines, and a fresh quote from the box."""
        table = self.query_one("#lines", DataTable)
        row = table.cursor_row
        table.clear()
        currency = self.products[0].currency if self.products else "JPY"
        for x in self.lines:
            table.add_row(x.words(), str(x.qty), money(x.total, currency))
        if self.lines and row is not None:
            table.move_cursor(row=min(row, len(self.lines) - 1))
        self.query_one("#total", Label).update(t("order.total", total=money(self.total, currency)))
        self.requote()

    @on(Select.Changed)
    @on(Input.Changed, "#tendered,#when")
    def terms_changed(self) -> None:
        """A term changed: price again."""
        if self.is_mounted:
            self.requote()

    @work(exclusive=True, group="quote")
    async def requote(self) -> None:
        """Ask the box what the order comes to; a refusal (sold out, too little cash) shown."""
        receipt = self.query_one("#receipt", Static)
        body = self.body() if self.lines else None
        if body is None or self.quoter is None:
            receipt.update(self.problem)
            return
        try:
            quote = await self.quoter(body)
            self.quote, self.problem = quote, ""
            receipt.update("\n".join(receipt_lines(quote, self._currency())))
        except Exception as exc:
            self.quote = None
            self.problem = str(getattr(exc, "detail", "") or exc).split(" / ")[0]
            receipt.update(self.problem)

    def _currency(self) -> str:
        return self.products[0].currency if self.products else "JPY"

    def body(self) -> OrderIn | None:
        """The order as entered (None while the time or cash amount reads wrong)."""
        when_text = self.query_one("#when", Input).value
        when = parse_time(when_text, dt.datetime.now().astimezone())
        if when_text.strip() and when is None:
            self.problem = t("order.bad_time")
            return None
        tendered = self.query_one("#tendered", Input).value.strip()
        payment = self.query_one("#payment", Select).value
        service = self.query_one("#service", Select).value
        address = self.query_one("#address", Select).value
        return OrderIn.model_validate(
            {
                "items": [x.item().model_dump(exclude_unset=True) for x in self.lines],
                "call_id": self.call_id,
                "service": service,
                "payment": payment,
                "tendered": int(tendered) if tendered.isdigit() and payment == "cash" else None,
                "requested_at": when,
                "address_id": address
                if isinstance(address, int) and service == "delivery"
                else None,
                "note": self.query_one("#note", Input).value.strip(),
            }
        )

    @on(Button.Pressed, "#place")
    def action_place(self) -> None:
        """ctrl+s: confirm the order."""
        if not self.lines:
            self.notify(t("order.empty"), severity="warning")
            return
        body = self.body()
        if body is None:
            self.notify(self.problem, severity="warning")
            return
        self.dismiss(body)

    def action_cancel(self) -> None:
        """Escape: no order (lines already picked are not dropped without asking)."""
        close_or_ask(self, bool(self.lines), self.action_place, lambda: self.dismiss(None))
