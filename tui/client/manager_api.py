"""The admin's calls to the box (users, desks), over a logged-in desk client."""

from __future__ import annotations

from typing import Any

from appliance.contract import (
    DeskOut,
    DeskPatch,
    SettingsIn,
    SettingsOut,
    UserIn,
    UserOut,
    UserPatch,
)
from appliance.contract.access_log import AccessEntryOut, ChainOut
from appliance.contract.custom_fields import CustomFieldIn, CustomFieldOut, CustomFieldPatch
from tui.client.box_client import BoxClient


class ManagerApi:
    """Typed admin routes on top of a desk's BoxClient (the box refuses anyone but an admin)."""

    def __init__(self, client: BoxClient) -> None:
        self.client = client

    async def users(self) -> list[UserOut]:
        """Every user with role and lock state."""
        return await self.client.call(list[UserOut], "GET", "/users")

    async def add_user(self, body: UserIn) -> UserOut:
        """A new user with a first password."""
        return await self.client.call(UserOut, "POST", "/users", json=body)

    async def patch_user(self, user_id: int, body: UserPatch) -> UserOut:
        """Change role, (de)activate, set a password or unlock (versioned)."""
        return await self.client.call(UserOut, "PATCH", f"/users/{user_id}", json=body)

    async def desks(self) -> list[DeskOut]:
        """Every paired desk, revoked ones too."""
        return await self.client.call(list[DeskOut], "GET", "/desks")

    async def rename_desk(self, desk_id: int, body: DeskPatch) -> DeskOut:
        """A desk's new name (versioned)."""
        return await self.client.call(DeskOut, "PATCH", f"/desks/{desk_id}", json=body)

    async def revoke_desk(self, desk_id: int) -> DeskOut:
        """Cut a desk off at once (sessions ended, its key slot dropped)."""
        return await self.client.call(DeskOut, "DELETE", f"/desks/{desk_id}")

    async def settings(self) -> SettingsOut:
        """Box settings (defaults overlaid with stored values)."""
        return await self.client.call(SettingsOut, "GET", "/settings")

    async def put_settings(self, values: dict[str, Any]) -> SettingsOut:
        """Store these settings (all checked by the box before any is stored)."""
        return await self.client.call(
            SettingsOut, "PUT", "/settings", json=SettingsIn(values=values)
        )

    async def fields(self) -> list[CustomFieldOut]:
        """Every custom-field definition, retired ones too."""
        return await self.client.call(
            list[CustomFieldOut], "GET", "/fields", params={"retired": "true"}
        )

    async def add_field(self, body: CustomFieldIn) -> CustomFieldOut:
        """A new custom field."""
        return await self.client.call(CustomFieldOut, "POST", "/fields", json=body)

    async def patch_field(self, field_id: int, body: CustomFieldPatch) -> CustomFieldOut:
        """Relabel, reorder, rechoose (versioned)."""
        return await self.client.call(CustomFieldOut, "PATCH", f"/fields/{field_id}", json=body)

    async def retire_field(self, field: CustomFieldOut) -> CustomFieldOut:
        """Hide a field from every card (values kept)."""
        params = {"version": field.version}
        return await self.client.call(
            CustomFieldOut, "DELETE", f"/fields/{field.id}", params=params
        )

    async def restore_field(self, field_id: int) -> CustomFieldOut:
        """Bring a retired field back."""
        return await self.client.call(CustomFieldOut, "POST", f"/fields/{field_id}/restore")

    async def customer_access(self, customer_id: int) -> list[AccessEntryOut]:
        """Who opened or changed a customer's card."""
        path = f"/customers/{customer_id}/access"
        return await self.client.call(list[AccessEntryOut], "GET", path)

    async def user_changes(self, user_id: int) -> list[AccessEntryOut]:
        """What a user changed."""
        return await self.client.call(list[AccessEntryOut], "GET", f"/users/{user_id}/changes")

    async def verify_audit(self) -> ChainOut:
        """The audit chain recomputed by the box."""
        return await self.client.call(ChainOut, "GET", "/audit/verify")
