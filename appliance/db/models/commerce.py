"""Products, orders and order items; money is integer minor units (yen, cents)."""

from __future__ import annotations

import peewee

from appliance.db.models.activity import Call
from appliance.db.models.base import BaseModel, EditableModel, utcnow
from appliance.db.models.people import Customer

ORDER_CHANNELS = ("phone", "web", "store", "fax", "email", "other")
ORDER_STATUSES = ("open", "confirmed", "delivered", "cancelled")


class Product(EditableModel):
    """Something sold: code, name, unit price."""

    sku = peewee.CharField(default="", index=True)
    name = peewee.CharField()
    reading = peewee.CharField(default="")
    unit_price = peewee.IntegerField(default=0)
    currency = peewee.CharField(default="JPY")
    active = peewee.BooleanField(default=True)


class Order(EditableModel):
    """An order (purchase) by a customer: date, channel, status and total of its items."""

    customer = peewee.ForeignKeyField(Customer, backref="orders", on_delete="CASCADE")
    call = peewee.ForeignKeyField(Call, null=True, backref="orders", on_delete="SET NULL")
    ordered_at = peewee.DateTimeField(default=utcnow, index=True)
    channel = peewee.CharField(default="phone")
    status = peewee.CharField(default="open")
    total = peewee.IntegerField(default=0)
    currency = peewee.CharField(default="JPY")
    note = peewee.TextField(default="")

    class Meta:
        indexes = ((("customer", "ordered_at"), False),)


class OrderItem(BaseModel):
    """One line of an order: product, quantity, unit price and line total."""

    order = peewee.ForeignKeyField(Order, backref="items", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product, null=True, on_delete="SET NULL")
    description = peewee.CharField(default="")
    qty = peewee.IntegerField(default=1)
    unit_price = peewee.IntegerField(default=0)
    line_total = peewee.IntegerField(default=0)
