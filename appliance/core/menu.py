"""The menu: categories, products (price, tax class, sold out, sort order) and their options."""

from __future__ import annotations

from typing import Any

import peewee

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.settings import default_region, get_setting
from appliance.core.tax import SCHEMES
from appliance.core.text import clean
from appliance.db.models import Category, Product, ProductOption
from appliance.db.models.commerce import TAX_CLASSES

MAX_PRICE = 10**9


def tax_scheme() -> tuple[str, bool]:
    """(scheme, prices include tax): Japan's two classes with tax-inclusive prices unless the
    shop set otherwise; outside Japan a rate per product, added on top."""
    default = "jp" if default_region() == "JP" else "per_product"
    scheme = str(get_setting("tax.scheme") or default)
    scheme = scheme if scheme in SCHEMES else default
    inclusive = get_setting("tax.inclusive")
    return scheme, bool(scheme == "jp" if inclusive is None else inclusive)


def _name(value: object, what: str) -> str:
    text = clean(str(value))
    if not text:
        raise InvalidInput(f"{what}が空です / the name is empty")
    return text


def _int(value: object, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label}が不正です / {label} must be a whole number {low}..{high}")
    return value


def _next_order(rows: Any) -> int:
    last = rows.order_by(-rows.model.sort_order).first()
    return 10 if last is None else int(last.sort_order) + 10


def _category_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "name":
            out[key] = _name(value, "名前")
        elif key == "reading":
            out[key] = clean(str(value))
        elif key == "sort_order":
            out[key] = _int(value, "sort_order", -(10**6), 10**6)
        else:
            raise InvalidInput(f"変更できない項目です / cannot change {key} of a category")
    return out


def _product_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "name":
            out[key] = _name(value, "商品名")
        elif key in ("reading", "sku"):
            out[key] = clean(str(value))
        elif key == "unit_price":
            out[key] = _int(value, "価格 unit_price", 0, MAX_PRICE)
        elif key == "tax_class":
            if value not in TAX_CLASSES:
                raise InvalidInput(f"税区分が不正です / tax class must be one of {TAX_CLASSES}")
            out[key] = value
        elif key == "tax_rate_bp":
            out[key] = _int(value, "税率 tax_rate_bp", 0, 10000)
        elif key == "sort_order":
            out[key] = _int(value, "sort_order", -(10**6), 10**6)
        elif key in ("sold_out", "active"):
            out[key] = bool(value)
        elif key == "category_id":
            if value is not None:
                editing.get_row(Category, int(value))
            out["category"] = value
        else:
            raise InvalidInput(f"変更できない項目です / cannot change {key} of a product")
    return out


def create_category(actor: Actor, name: str, **fields: Any) -> Category:
    """A menu section, placed last unless sort_order is given."""
    values = _category_fields({"name": name, **fields})
    values.setdefault("sort_order", _next_order(Category.live()))
    return editing.create(actor, Category, **values)


def update_category(actor: Actor, category_id: int, version: int, **fields: Any) -> Category:
    """Rename, re-read or move a category (StaleEdit when it changed meanwhile)."""
    return editing.update(actor, Category, category_id, version, _category_fields(fields))


def create_product(actor: Actor, name: str, unit_price: int, **fields: Any) -> Product:
    """A product priced in minor units of the box currency, placed last in its category."""
    values = _product_fields({"name": name, "unit_price": unit_price, **fields})
    if "sort_order" not in values:
        values["sort_order"] = _next_order(
            Product.live().where(
                Product.category.is_null()
                if values.get("category") is None
                else Product.category == values["category"]
            )
        )
    return editing.create(actor, Product, currency=str(get_setting("currency") or "JPY"), **values)


def update_product(actor: Actor, product_id: int, version: int, **fields: Any) -> Product:
    """Change a product's fields (price, tax class, sold out, category...)."""
    return editing.update(actor, Product, product_id, version, _product_fields(fields))


def _option_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "name":
            out[key] = _name(value, "名前")
        elif key == "price_delta":
            out[key] = _int(value, "価格差 price_delta", -MAX_PRICE, MAX_PRICE)
        elif key == "sort_order":
            out[key] = _int(value, "sort_order", -(10**6), 10**6)
        else:
            raise InvalidInput(f"変更できない項目です / cannot change {key} of an option")
    return out


def add_option(actor: Actor, product_id: int, name: str, **fields: Any) -> ProductOption:
    """An option or topping of the product (price_delta may be 0 or negative)."""
    editing.get_row(Product, product_id)
    values = _option_fields({"name": name, **fields})
    if "sort_order" not in values:
        values["sort_order"] = _next_order(
            ProductOption.live().where(ProductOption.product == product_id)
        )
    return editing.create(actor, ProductOption, product=product_id, **values)


def update_option(actor: Actor, option_id: int, version: int, **fields: Any) -> ProductOption:
    """Rename, re-price or move an option."""
    return editing.update(actor, ProductOption, option_id, version, _option_fields(fields))


def categories() -> list[Category]:
    """Live categories in sort order."""
    return list(Category.live().order_by(Category.sort_order, Category.id))


def products(include_inactive: bool = False) -> list[Product]:
    """Live products by category order, then sort order (inactive ones only when asked)."""
    query = Product.live().join(
        Category, peewee.JOIN.LEFT_OUTER, on=(Product.category == Category.id)
    )
    if not include_inactive:
        query = query.where(Product.active)
    return list(
        query.order_by(
            Category.sort_order.is_null(), Category.sort_order, Product.sort_order, Product.id
        )
    )


def options_by_product(product_ids: list[int]) -> dict[int, list[ProductOption]]:
    """Each product's live options in sort order."""
    out: dict[int, list[ProductOption]] = {pid: [] for pid in product_ids}
    query = (
        ProductOption.live()
        .where(ProductOption.product.in_(product_ids))
        .order_by(ProductOption.sort_order, ProductOption.id)
    )
    for row in query:
        out.setdefault(int(editing.fk_id(row, "product") or 0), []).append(row)
    return out
