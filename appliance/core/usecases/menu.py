"""The menu as desks see and edit it (db thread): categories, products, options, sold out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from appliance.contract import (
    CategoryIn,
    CategoryOut,
    CategoryPatch,
    MenuOut,
    OptionIn,
    OptionOut,
    OptionPatch,
    ProductIn,
    ProductOut,
    ProductPatch,
)
from appliance.core import editing, menu
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.core.views import restale
from appliance.db.models import Category, Product, ProductOption, database_proxy

W = TypeVar("W", bound=BaseModel)


def category_out(row: Category) -> CategoryOut:
    """A category on the wire."""
    return CategoryOut(
        id=row.id,
        name=row.name,
        reading=row.reading,
        sort_order=row.sort_order,
        version=row.version,
    )


def option_out(row: ProductOption) -> OptionOut:
    """An option on the wire."""
    return OptionOut(
        id=row.id,
        product_id=editing.fk_id(row, "product") or 0,
        name=row.name,
        price_delta=row.price_delta,
        sort_order=row.sort_order,
        version=row.version,
    )


def product_out(
    row: Product, options: list[ProductOption], live_categories: set[int] | None = None
) -> ProductOut:
    """A product with its options on the wire (a deleted category reads as none)."""
    category = editing.fk_id(row, "category")
    if category is not None and live_categories is not None and category not in live_categories:
        category = None
    return ProductOut(
        id=row.id,
        sku=row.sku,
        name=row.name,
        reading=row.reading,
        unit_price=row.unit_price,
        currency=row.currency,
        active=row.active,
        category_id=category,
        tax_class="standard" if row.tax_class == "standard" else "reduced",
        tax_rate_bp=row.tax_rate_bp,
        sold_out=row.sold_out,
        sort_order=row.sort_order,
        options=[option_out(o) for o in options],
        version=row.version,
    )


def one_product(product_id: int) -> ProductOut:
    """A product as it is now, with its options."""
    row = editing.get_row(Product, product_id, include_deleted=True)
    return product_out(row, menu.options_by_product([product_id])[product_id])


def the_menu(include_inactive: bool) -> MenuOut:
    """Categories and products in menu order, with the shop's tax scheme."""
    cats = menu.categories()
    rows = menu.products(include_inactive)
    options = menu.options_by_product([int(p.id) for p in rows])
    live = {int(c.id) for c in cats}
    scheme, inclusive = menu.tax_scheme()
    return MenuOut(
        categories=[category_out(c) for c in cats],
        products=[product_out(p, options[int(p.id)], live) for p in rows],
        tax_scheme="jp" if scheme == "jp" else "per_product",
        prices_include_tax=inclusive,
    )


def _versioned(fn: Callable[[], W], current: Callable[[], W]) -> W:
    try:
        with database_proxy.atomic():
            return fn()
    except StaleEdit as exc:
        raise restale(exc, current()) from None


def _changes(body: BaseModel) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True, exclude={"version"}, exclude_none=True)


def add_category(actor: Actor, body: CategoryIn) -> CategoryOut:
    """A new category."""
    extra = {} if body.sort_order is None else {"sort_order": body.sort_order}
    return category_out(menu.create_category(actor, body.name, reading=body.reading, **extra))


def patch_category(actor: Actor, category_id: int, body: CategoryPatch) -> CategoryOut:
    """A versioned edit of a category."""
    return _versioned(
        lambda: category_out(
            menu.update_category(actor, category_id, body.version, **_changes(body))
        ),
        lambda: category_out(editing.get_row(Category, category_id, include_deleted=True)),
    )


def delete_category(actor: Actor, category_id: int, version: int) -> CategoryOut:
    """Soft-delete a category (its products stay, without a category)."""
    return _versioned(
        lambda: category_out(editing.soft_delete(actor, Category, category_id, version)),
        lambda: category_out(editing.get_row(Category, category_id, include_deleted=True)),
    )


def add_product(actor: Actor, body: ProductIn) -> ProductOut:
    """A new product."""
    fields = body.model_dump(exclude={"name", "unit_price"}, exclude_none=True)
    row = menu.create_product(actor, body.name, body.unit_price, **fields)
    return one_product(int(row.id))


def patch_product(actor: Actor, product_id: int, body: ProductPatch) -> ProductOut:
    """A versioned edit of a product (category_id 0: no category)."""
    changes = _changes(body)
    if changes.get("category_id") == 0:
        changes["category_id"] = None

    def apply() -> ProductOut:
        menu.update_product(actor, product_id, body.version, **changes)
        return one_product(product_id)

    return _versioned(apply, lambda: one_product(product_id))


def set_sold_out(actor: Actor, product_id: int, version: int, sold_out: bool) -> ProductOut:
    """Sold out (品切れ) or back on sale."""

    def apply() -> ProductOut:
        menu.update_product(actor, product_id, version, sold_out=sold_out)
        return one_product(product_id)

    return _versioned(apply, lambda: one_product(product_id))


def delete_product(actor: Actor, product_id: int, version: int) -> ProductOut:
    """Soft-delete a product (past orders keep their lines)."""

    def apply() -> ProductOut:
        editing.soft_delete(actor, Product, product_id, version)
        return one_product(product_id)

    return _versioned(apply, lambda: one_product(product_id))


def add_option(actor: Actor, product_id: int, body: OptionIn) -> OptionOut:
    """A new option of the product."""
    extra = {} if body.sort_order is None else {"sort_order": body.sort_order}
    return option_out(
        menu.add_option(actor, product_id, body.name, price_delta=body.price_delta, **extra)
    )


def patch_option(actor: Actor, option_id: int, body: OptionPatch) -> OptionOut:
    """A versioned edit of an option."""
    return _versioned(
        lambda: option_out(menu.update_option(actor, option_id, body.version, **_changes(body))),
        lambda: option_out(editing.get_row(ProductOption, option_id, include_deleted=True)),
    )


def delete_option(actor: Actor, option_id: int, version: int) -> OptionOut:
    """Soft-delete an option."""
    return _versioned(
        lambda: option_out(editing.soft_delete(actor, ProductOption, option_id, version)),
        lambda: option_out(editing.get_row(ProductOption, option_id, include_deleted=True)),
    )
