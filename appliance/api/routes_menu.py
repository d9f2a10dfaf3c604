"""Menu routes: the menu for every desk; categories, products and options edited by a manager;
sold out switched by anyone at a desk. Every change tells the desks (event "menu")."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Query

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS, STALE
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
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
    SoldOutIn,
)
from appliance.core.access.sessions import Caller
from appliance.core.usecases import menu

T = TypeVar("T")
VersionQ = Annotated[int, Query(ge=0, le=2**53)]


def router(state: ApiState) -> APIRouter:
    """The menu routes."""
    api = APIRouter(tags=["menu"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")
    boss = needs(state, "manager")

    def changed(row: T) -> T:
        state.hub.publish("menu", {})
        return row

    @api.get("/menu")
    async def get_menu(inactive: bool = False, _: Caller = who) -> MenuOut:
        """Categories and products in menu order (inactive products too when asked)."""
        result: MenuOut = await run(menu.the_menu, inactive)
        return result

    @api.post("/categories", status_code=201)
    async def add_category(body: CategoryIn, c: Caller = boss) -> CategoryOut:
        """A new menu section (manager)."""
        row: CategoryOut = await run(menu.add_category, c.actor, body)
        return changed(row)

    @api.patch("/categories/{category_id}", responses=STALE)
    async def patch_category(
        category_id: RowId, body: CategoryPatch, c: Caller = boss
    ) -> CategoryOut:
        """Rename or move a category; 409 StaleOut when the version is old."""
        row: CategoryOut = await run(menu.patch_category, c.actor, category_id, body)
        return changed(row)

    @api.delete("/categories/{category_id}", responses=STALE)
    async def delete_category(
        category_id: RowId, version: VersionQ, c: Caller = boss
    ) -> CategoryOut:
        """Remove a category; its products stay on the menu without one."""
        row: CategoryOut = await run(menu.delete_category, c.actor, category_id, version)
        return changed(row)

    @api.post("/products", status_code=201)
    async def add_product(body: ProductIn, c: Caller = boss) -> ProductOut:
        """A new product (manager)."""
        row: ProductOut = await run(menu.add_product, c.actor, body)
        return changed(row)

    @api.patch("/products/{product_id}", responses=STALE)
    async def patch_product(product_id: RowId, body: ProductPatch, c: Caller = boss) -> ProductOut:
        """Change a product's price, tax class, category, order...; 409 when stale."""
        row: ProductOut = await run(menu.patch_product, c.actor, product_id, body)
        return changed(row)

    @api.put("/products/{product_id}/sold_out", responses=STALE)
    async def sold_out(product_id: RowId, body: SoldOutIn, c: Caller = who) -> ProductOut:
        """Sold out (品切れ) or back on sale: anyone at a desk."""
        row: ProductOut = await run(
            menu.set_sold_out, c.actor, product_id, body.version, body.sold_out
        )
        return changed(row)

    @api.delete("/products/{product_id}", responses=STALE)
    async def delete_product(product_id: RowId, version: VersionQ, c: Caller = boss) -> ProductOut:
        """Take a product off the menu (past orders keep their lines)."""
        row: ProductOut = await run(menu.delete_product, c.actor, product_id, version)
        return changed(row)

    @api.post("/products/{product_id}/options", status_code=201)
    async def add_option(product_id: RowId, body: OptionIn, c: Caller = boss) -> OptionOut:
        """A new option or topping of the product (manager)."""
        row: OptionOut = await run(menu.add_option, c.actor, product_id, body)
        return changed(row)

    @api.patch("/options/{option_id}", responses=STALE)
    async def patch_option(option_id: RowId, body: OptionPatch, c: Caller = boss) -> OptionOut:
        """Rename, re-price or move an option; 409 when stale."""
        row: OptionOut = await run(menu.patch_option, c.actor, option_id, body)
        return changed(row)

    @api.delete("/options/{option_id}", responses=STALE)
    async def delete_option(option_id: RowId, version: VersionQ, c: Caller = boss) -> OptionOut:
        """Remove an option."""
        row: OptionOut = await run(menu.delete_option, c.actor, option_id, version)
        return changed(row)

    return api
