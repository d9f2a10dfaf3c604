"""Wire models of the menu: categories, products with tax class and options, sold out."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import Id, Text, Version

__all__ = [
    "CategoryIn",
    "CategoryOut",
    "CategoryPatch",
    "MenuOut",
    "OptionIn",
    "OptionOut",
    "OptionPatch",
    "ProductIn",
    "ProductOut",
    "ProductPatch",
    "SoldOutIn",
    "TaxClass",
]

# Japan: reduced = food (8 % taken out or delivered, 10 % eaten in); standard = 10 % always.
TaxClass = Literal["reduced", "standard"]


class CategoryIn(BaseModel):
    """A new menu section (placed last unless sort_order is given)."""

    name: Text = Field(min_length=1)
    reading: Text = ""
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)


class CategoryPatch(BaseModel):
    """An edit of a category at its version."""

    version: Version
    name: Text | None = Field(default=None, min_length=1)
    reading: Text | None = None
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)


class CategoryOut(BaseModel):
    """A menu section."""

    id: int
    name: str
    reading: str
    sort_order: int
    version: int


class OptionIn(BaseModel):
    """A new option or topping of a product; price_delta may be 0 or negative."""

    name: Text = Field(min_length=1)
    price_delta: int = Field(default=0, ge=-(10**9), le=10**9)
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)


class OptionPatch(BaseModel):
    """An edit of an option at its version."""

    version: Version
    name: Text | None = Field(default=None, min_length=1)
    price_delta: int | None = Field(default=None, ge=-(10**9), le=10**9)
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)


class OptionOut(BaseModel):
    """An option or topping with its price change."""

    id: int
    product_id: int
    name: str
    price_delta: int
    sort_order: int
    version: int


class ProductIn(BaseModel):
    """A new product; unit_price in minor units (tax-inclusive where the shop prices so)."""

    name: Text = Field(min_length=1)
    unit_price: int = Field(ge=0, le=10**9)
    sku: Text = ""
    reading: Text = ""
    category_id: Id | None = None
    tax_class: TaxClass = "reduced"
    tax_rate_bp: int = Field(default=0, ge=0, le=10000)
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)
    sold_out: bool = False
    active: bool = True


class ProductPatch(BaseModel):
    """An edit of a product at its version; category_id 0 takes it out of its category."""

    version: Version
    name: Text | None = Field(default=None, min_length=1)
    unit_price: int | None = Field(default=None, ge=0, le=10**9)
    sku: Text | None = None
    reading: Text | None = None
    category_id: int | None = Field(default=None, ge=0, le=2**53)
    tax_class: TaxClass | None = None
    tax_rate_bp: int | None = Field(default=None, ge=0, le=10000)
    sort_order: int | None = Field(default=None, ge=-(10**6), le=10**6)
    sold_out: bool | None = None
    active: bool | None = None


class SoldOutIn(BaseModel):
    """Mark a product sold out (品切れ) or back on sale, at its version."""

    version: Version
    sold_out: bool


class ProductOut(BaseModel):
    """Something sold; prices in minor units of the currency (yen, cents)."""

    id: int
    sku: str
    name: str
    reading: str
    unit_price: int
    currency: str
    active: bool
    category_id: int | None = None
    tax_class: TaxClass = "reduced"
    tax_rate_bp: int = 0
    sold_out: bool = False
    sort_order: int = 0
    options: list[OptionOut] = Field(default_factory=list)
    version: int = 1


class MenuOut(BaseModel):
    """The whole menu in order, and how the shop's prices carry tax."""

    categories: list[CategoryOut]
    products: list[ProductOut]
    tax_scheme: Literal["jp", "per_product"]
    prices_include_tax: bool
