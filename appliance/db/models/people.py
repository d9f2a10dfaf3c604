"""Customers and what hangs off them: phones, emails, addresses, tags, custom field values."""

from __future__ import annotations

import peewee

from appliance.db.models.base import BaseModel, EditableModel

CUSTOMER_KINDS = ("person", "company")
GENDERS = ("female", "male", "other", "unknown")


class Customer(EditableModel):
    """A person or a company, with static and dynamic attributes and flags."""

    kind = peewee.CharField(default="person")
    display_name = peewee.CharField()
    reading = peewee.CharField(default="")
    company = peewee.CharField(default="")
    department = peewee.CharField(default="")
    title = peewee.CharField(default="")
    # static attributes
    gender = peewee.CharField(default="unknown")
    birth_date = peewee.DateField(null=True)
    birthplace = peewee.CharField(default="")
    # dynamic attributes
    occupation = peewee.CharField(default="")
    interests = peewee.TextField(default="")
    household = peewee.CharField(default="")
    income_band = peewee.CharField(default="")
    # flags
    vip = peewee.BooleanField(default=False)
    caution = peewee.BooleanField(default=False)
    caution_note = peewee.TextField(default="")
    blocked = peewee.BooleanField(default=False)
    merged_into = peewee.ForeignKeyField(
        "self", null=True, backref="merged_from", on_delete="SET NULL"
    )


class Phone(EditableModel):
    """One of a customer's numbers: E.164 (when it parses) and national digits, both indexed."""

    customer = peewee.ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    entered = peewee.CharField(default="")  # as typed or sent by the line
    e164 = peewee.CharField(null=True, index=True)
    national = peewee.CharField(index=True)
    region = peewee.CharField(null=True)
    label = peewee.CharField(default="")


class Email(EditableModel):
    """An email address of a customer."""

    customer = peewee.ForeignKeyField(Customer, backref="emails", on_delete="CASCADE")
    address = peewee.CharField(index=True)
    label = peewee.CharField(default="")


class Address(EditableModel):
    """A postal address with delivery notes and optional coordinates."""

    customer = peewee.ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    label = peewee.CharField(default="")
    country = peewee.CharField(default="JP")
    postal_code = peewee.CharField(default="", index=True)
    prefecture = peewee.CharField(default="", index=True)
    city = peewee.CharField(default="")
    line1 = peewee.CharField(default="")
    line2 = peewee.CharField(default="")
    delivery_notes = peewee.TextField(default="")
    lat = peewee.FloatField(null=True)
    lon = peewee.FloatField(null=True)


class Tag(EditableModel):
    """A label customers carry (VIP, 常連, ...); `key` is the folded name, unique."""

    name = peewee.CharField()
    key = peewee.CharField(unique=True)
    color = peewee.CharField(default="")


class CustomerTag(BaseModel):
    """A customer carrying a tag."""

    customer = peewee.ForeignKeyField(Customer, backref="tag_links", on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, backref="customer_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("customer", "tag"), True),)


class CustomFieldDef(EditableModel):
    """An admin-defined customer field: key, labels, type and choices."""

    key = peewee.CharField(unique=True)
    label = peewee.CharField()
    label_en = peewee.CharField(default="")
    field_type = peewee.CharField(default="text")  # text | number | date | bool | choice
    choices = peewee.TextField(default="[]")  # JSON list for choice fields
    position = peewee.IntegerField(default=0)


class CustomFieldValue(BaseModel):
    """A customer's value for one custom field, stored as text in a canonical form."""

    customer = peewee.ForeignKeyField(Customer, backref="custom_values", on_delete="CASCADE")
    field = peewee.ForeignKeyField(CustomFieldDef, backref="values", on_delete="CASCADE")
    value = peewee.TextField(default="")

    class Meta:
        indexes = ((("customer", "field"), True),)
