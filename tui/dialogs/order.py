"""Quick order entry: find a product as you type, quantities, running total."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, OptionList
from textual.widgets.option_list import Option

from appliance.contract import OrderIn, OrderItemIn, ProductOut
from appliance.contract.search_keys import fold
from tui.dialogs.unsaved import close_or_ask
from tui.format import money
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskDialog


@dataclass
class Line:
    """One product on the order."""

    product: ProductOut
    qty: int

    @property
    def total(self) -> int:
        """qty × unit price (the box computes the real totals)."""
        return self.qty * self.product.unit_price


class OrderDialog(DeskDialog):
    """Dismissed with an OrderIn or None."""

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "place", "order.save", priority=True),
        key("plus", "more", "order.qty", show=False),
        key("minus", "less", "order.qty", show=False),
        key("escape", "cancel", "key.close"),
    ]

    def __init__(self, products: list[ProductOut], call_id: int | None = None) -> None:
        super().__init__()
        self.products, self.call_id = products, call_id
        self.lines: list[Line] = []

    def compose(self) -> ComposeResult:
        """Filter, product list, quantity, order lines, total."""
        with Vertical(id="order", classes="dialog"):
            yield Label(t("order.title"), classes="heading")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("order.filter"), id="filter")
                yield Input(value="1", placeholder=t("order.qty"), id="qty", type="integer")
            yield OptionList(id="products")
            yield DataTable(id="lines", cursor_type="row")
            with Horizontal(classes="buttons"):
                yield Label("", id="total")
                yield Button(f"{t('order.save')} [ctrl+s]", id="place", variant="primary")

    def on_mount(self) -> None:
        """All products, empty order."""
        super().on_mount()
        self.query_one("#lines", DataTable).add_columns(
            t("order.product"), t("order.qty"), t("order.price"), t("order.line_total")
        )
        self.filter("")
        self.redraw()
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def typed(self, event: Input.Changed) -> None:
        """Narrow the list as the operator types."""
        self.filter(event.value)

    def filter(self, text: str) -> None:
        """Products whose name, reading or SKU contain the folded text."""
        key_ = fold(text)
        options = self.query_one("#products", OptionList)
        options.clear_options()
        for p in self.products:
            if not key_ or key_ in fold(f"{p.name} {p.reading} {p.sku}"):
                options.add_option(
                    Option(f"{p.name}  {money(p.unit_price, p.currency)}", id=str(p.id))
                )

    @on(Input.Submitted, "#filter")
    def to_list(self) -> None:
        """Enter in the filter: pick from the list."""
        options = self.query_one("#products", OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#products")
    def add(self, event: OptionList.OptionSelected) -> None:
        """Enter on a product: add it with the quantity given."""
        product = next(p for p in self.products if str(p.id) == event.option.id)
        qty_text = self.query_one("#qty", Input).value
        qty = max(1, min(10000, int(qty_text))) if qty_text.isdigit() else 1
        self.add_product(product, qty)
        self.query_one("#qty", Input).value = "1"
        self.query_one("#filter", Input).value = ""
        self.query_one("#filter", Input).focus()

    def add_product(self, product: ProductOut, qty: int) -> None:
        """Add (or add to) a line."""
        line = next((x for x in self.lines if x.product.id == product.id), None)
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

    @property
    def total(self) -> int:
        """Sum of the lines."""
        return sum(x.total for x in self.lines)

    def redraw(self) -> None:
        """Lines and total."""
        table = self.query_one("#lines", DataTable)
        table.clear()
        for x in self.lines:
            cur = x.product.currency
            table.add_row(
                x.product.name, str(x.qty), money(x.product.unit_price, cur), money(x.total, cur)
            )
        currency = self.lines[0].product.currency if self.lines else "JPY"
        self.query_one("#total", Label).update(t("order.total", total=money(self.total, currency)))

    @on(Button.Pressed, "#place")
    def action_place(self) -> None:
        """ctrl+s: place the order."""
        if not self.lines:
            self.notify(t("order.empty"), severity="warning")
            return
        items = [OrderItemIn(product_id=x.product.id, qty=x.qty) for x in self.lines]
        self.dismiss(OrderIn(items=items, call_id=self.call_id))

    def action_cancel(self) -> None:
        """Escape: no order (lines already picked are not dropped without asking)."""
        close_or_ask(self, bool(self.lines), self.action_place, lambda: self.dismiss(None))
