"""Deleting a customer at the desk and the undo list, as the desk calls the box."""

from __future__ import annotations

from appliance.contract import CustomerCard
from appliance.contract.trash import DeletedCustomerOut
from tui.client.box_client import BoxClient


async def delete_customer(client: BoxClient, customer_id: int, version: int) -> CustomerCard:
    """Delete (soft) at `version` -> the card marked deleted; StaleEditError when it moved."""
    path = f"/customers/{customer_id}"
    return await client.call(CustomerCard, "DELETE", path, params={"version": version})


async def restore_customer(client: BoxClient, customer_id: int) -> CustomerCard:
    """Bring a deleted customer back -> the card."""
    return await client.call(CustomerCard, "POST", f"/customers/{customer_id}/restore")


async def deleted_customers(client: BoxClient, limit: int = 100) -> list[DeletedCustomerOut]:
    """Customers deleted lately, newest first."""
    params = {"limit": limit}
    return await client.call(list[DeletedCustomerOut], "GET", "/trash/customers", params=params)
