"""The box's contact-row routes as the desk calls them: add, edit, remove, restore."""

from __future__ import annotations

from appliance.contract import (
    AddressIn,
    AddressPatch,
    ContactKind,
    CustomerCard,
    EmailIn,
    EmailPatch,
    PhoneIn,
    PhonePatch,
)
from tui.client.box_client import BoxClient

PLURAL: dict[ContactKind, str] = {"phone": "phones", "email": "emails", "address": "addresses"}


async def add_contact(
    client: BoxClient, customer_id: int, kind: ContactKind, body: PhoneIn | EmailIn | AddressIn
) -> CustomerCard:
    """A new phone, email or address on the customer -> the card."""
    path = f"/customers/{customer_id}/{PLURAL[kind]}"
    return await client.call(CustomerCard, "POST", path, json=body)


async def edit_contact(
    client: BoxClient,
    customer_id: int,
    kind: ContactKind,
    row_id: int,
    body: PhonePatch | EmailPatch | AddressPatch,
) -> CustomerCard:
    """A versioned edit of one row -> the card; StaleEditError holds the card as it is now."""
    path = f"/customers/{customer_id}/{PLURAL[kind]}/{row_id}"
    return await client.call(CustomerCard, "PATCH", path, json=body)


async def remove_contact(
    client: BoxClient, customer_id: int, kind: ContactKind, row_id: int, version: int
) -> CustomerCard:
    """Remove one row (undo: restore_contact) -> the card without it."""
    path = f"/customers/{customer_id}/{PLURAL[kind]}/{row_id}"
    return await client.call(CustomerCard, "DELETE", path, params={"version": version})


async def restore_contact(
    client: BoxClient, customer_id: int, kind: ContactKind, row_id: int
) -> CustomerCard:
    """Bring a removed row back -> the card with it."""
    path = f"/customers/{customer_id}/{PLURAL[kind]}/{row_id}/restore"
    return await client.call(CustomerCard, "POST", path)
