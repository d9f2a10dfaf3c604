"""The menu (categories, products, options) and orders; money in integer minor units (yen)."""

from __future__ import annotations

import peewee

from appliance.db.models.activity import Call
from appliance.db.models.admin import User
from appliance.db.models.base import BaseModel, EditableModel, utcnow
from appliance.db.models.people import Address, Customer

ORDER_CHANNELS = ("phone", "web", "store", "fax", "email", "other")
# 受付 → 調理中 → 配達中 → 完了, or キャンセル (a pick-up goes from 調理中 straight to 完了)
ORDER_STATUSES = ("received", "cooking", "delivering", "done", "cancelled")
SERVICES = ("delivery", "pickup", "eat_in")
PAYMENTS = ("cash", "card", "qr")
# Japan: "reduced" is food (8 % taken out or delivered, 10 % eaten in), "standard" is 10 % always
# (alcohol, goods); elsewhere each product carries its own rate in basis points (tax_rate_bp).
TAX_CLASSES = ("reduced", "standard")


class Category(EditableModel):
    """A menu section (麺類, 丼物, Drinks), shown in sort order."""

    name = peewee.CharField()
    reading = peewee.CharField(default="")
    sort_order = peewee.IntegerField(default=0)


class Product(EditableModel):
    """Something sold: code, name, unit price (tax-inclusive in Japan), category, tax class."""

    sku = peewee.CharField(default="", index=True)
    name = peewee.CharField()
    reading = peewee.CharField(default="")
    unit_price = peewee.IntegerField(default=0)
    currency = peewee.CharField(default="JPY")
    active = peewee.BooleanField(default=True)
    category = peewee.ForeignKeyField(Category, null=True, backref="products", on_delete="SET NULL")
    tax_class = peewee.CharField(default="reduced")
    tax_rate_bp = peewee.IntegerField(default=0)
    sold_out = peewee.BooleanField(default=False)
    sort_order = peewee.IntegerField(default=0)


class ProductOption(EditableModel):
    """An option or topping of a product (大盛り +150, わさび抜き ±0), in sort order."""

    product = peewee.ForeignKeyField(Product, backref="options", on_delete="CASCADE")
    name = peewee.CharField()
    price_delta = peewee.IntegerField(default=0)
    sort_order = peewee.IntegerField(default=0)


class Order(EditableModel):
    """An order (purchase) by a customer: date, channel, status and total of its items."""

    customer = peewee.ForeignKeyField(Customer, backref="orders", on_delete="CASCADE")
    call = peewee.ForeignKeyField(Call, null=True, backref="orders", on_delete="SET NULL")
    ordered_at = peewee.DateTimeField(default=utcnow, index=True)
    channel = peewee.CharField(default="phone")
    status = peewee.CharField(default="received")
    total = peewee.IntegerField(default=0)
    currency = peewee.CharField(default="JPY")
    note = peewee.TextField(default="")  # the order's remarks
    service = peewee.CharField(default="delivery")
    requested_at = peewee.DateTimeField(null=True)  # None: as soon as possible
    promise_at = peewee.DateTimeField(null=True, index=True)
    payment = peewee.CharField(default="cash")
    tendered = peewee.IntegerField(null=True)  # cash: the note the customer pays with
    address = peewee.ForeignKeyField(Address, null=True, on_delete="SET NULL")
    delivery_fee = peewee.IntegerField(default=0)
    tax_total = peewee.IntegerField(default=0)
    tax_detail = peewee.TextField(default="")  # JSON: [[rate_bp, reduced, amount, tax], ...]
    business_date = peewee.DateField(null=True, index=True)
    day_no = peewee.IntegerField(default=0)  # the order's number in its business day
    driver = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    zone_id = peewee.IntegerField(null=True)  # the delivery zone the address fell in
    status_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("customer", "ordered_at"), False),)


class OrderItem(BaseModel):
    """One line of an order: product, quantity, unit price and line total."""

    order = peewee.ForeignKeyField(Order, backref="items", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product, null=True, on_delete="SET NULL")
    description = peewee.CharField(default="")
    qty = peewee.IntegerField(default=1)
    unit_price = peewee.IntegerField(default=0)  # one, with its options' price changes
    line_total = peewee.IntegerField(default=0)
    options = peewee.TextField(default="")  # JSON: [[name, price_delta], ...]
    remarks = peewee.CharField(default="")  # わさび抜き
    tax_rate_bp = peewee.IntegerField(default=0)
    reduced = peewee.BooleanField(default=False)


class DeliveryZone(EditableModel):
    """Where the shop delivers: patterns (postal codes or their prefixes, town names), the fee,
    the minimum order and the minutes a delivery takes there."""

    name = peewee.CharField()
    patterns = peewee.TextField(default="")  # one per line: 113-0033, 113*, 本郷, Brooklyn
    fee = peewee.IntegerField(default=0)
    minimum = peewee.IntegerField(default=0)
    minutes = peewee.IntegerField(default=30)
    sort_order = peewee.IntegerField(default=0)
