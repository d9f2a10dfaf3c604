"""The menu: categories and products in order, tax classes, options, sold out, bad input."""

from __future__ import annotations

import pytest

from appliance.contract import ProductIn, ProductPatch
from appliance.core import menu, orders, settings
from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.core.errors import InvalidInput, StaleEdit
from appliance.core.usecases import menu as menu_uc
from appliance.db.store import Store


def _shop(actor: Actor) -> dict[str, int]:
    noodles = menu.create_category(actor, "麺類", reading="めんるい")
    drinks = menu.create_category(actor, "飲み物")
    zaru = menu.create_product(actor, "ざるそば", 800, category_id=noodles.id)
    tempura = menu.create_product(actor, "天ぷらそば", 1200, category_id=noodles.id)
    beer = menu.create_product(actor, "瓶ビール", 650, category_id=drinks.id, tax_class="standard")
    menu.add_option(actor, zaru.id, "大盛り", price_delta=150)
    menu.add_option(actor, zaru.id, "わさび抜き")
    return {
        "noodles": noodles.id,
        "drinks": drinks.id,
        "zaru": zaru.id,
        "tempura": tempura.id,
        "beer": beer.id,
    }


def test_menu_in_order_with_options_and_tax(store: Store, actor: Actor) -> None:
    run = store.executor.call
    ids = run(_shop, actor)
    got = run(menu_uc.the_menu, False)
    assert [c.name for c in got.categories] == ["麺類", "飲み物"]
    assert [(p.name, p.category_id, p.tax_class) for p in got.products] == [
        ("ざるそば", ids["noodles"], "reduced"),
        ("天ぷらそば", ids["noodles"], "reduced"),
        ("瓶ビール", ids["drinks"], "standard"),
    ]
    assert [(o.name, o.price_delta) for o in got.products[0].options] == [
        ("大盛り", 150),
        ("わさび抜き", 0),
    ]
    assert (got.tax_scheme, got.prices_include_tax) == ("jp", True)
    # drinks first: sort order decides, not the name
    run(menu.update_category, actor, ids["drinks"], 1, sort_order=0)
    assert run(menu_uc.the_menu, False).products[0].name == "瓶ビール"


def test_outside_japan_a_rate_per_product_added_on_top(store: Store, actor: Actor) -> None:
    run = store.executor.call
    run(settings.put_settings, actor, {"region": "US", "currency": "USD"})
    run(menu_uc.add_product, actor, ProductIn(name="Pad Thai", unit_price=1450, tax_rate_bp=888))
    got = run(menu_uc.the_menu, False)
    assert (got.tax_scheme, got.prices_include_tax) == ("per_product", False)
    assert (got.products[0].tax_rate_bp, got.products[0].currency) == (888, "USD")


def test_sold_out_is_refused_in_an_order_until_back(store: Store, actor: Actor) -> None:
    run = store.executor.call
    ids = run(_shop, actor)
    customer = run(create_customer, actor, "山本 花子")
    out = run(menu_uc.set_sold_out, actor, ids["tempura"], 1, True)
    assert out.sold_out and out.version == 2
    with pytest.raises(InvalidInput, match="sold out"):
        run(orders.place_order, actor, customer.id, [orders.Line(product_id=ids["tempura"])])
    run(menu_uc.set_sold_out, actor, ids["tempura"], 2, False)
    order = run(orders.place_order, actor, customer.id, [orders.Line(product_id=ids["tempura"])])
    assert order.total == 1200


def test_edits_are_versioned_and_checked(store: Store, actor: Actor) -> None:
    run = store.executor.call
    ids = run(_shop, actor)
    out = run(menu_uc.patch_product, actor, ids["zaru"], ProductPatch(version=1, unit_price=850))
    assert out.unit_price == 850 and len(out.options) == 2
    with pytest.raises(StaleEdit) as stale:
        run(menu_uc.patch_product, actor, ids["zaru"], ProductPatch(version=1, unit_price=900))
    assert stale.value.current is not None and stale.value.current["unit_price"] == 850
    out = run(menu_uc.patch_product, actor, ids["zaru"], ProductPatch(version=2, category_id=0))
    assert out.category_id is None
    with pytest.raises(InvalidInput, match="empty"):
        run(menu.create_product, actor, "　", 100)
    with pytest.raises(InvalidInput, match="tax class"):
        run(menu.create_product, actor, "餃子", 400, tax_class="zero")
    with pytest.raises(InvalidInput, match="unit_price"):
        run(menu.create_product, actor, "餃子", -1)


def test_a_deleted_category_leaves_its_products_on_the_menu(store: Store, actor: Actor) -> None:
    run = store.executor.call
    ids = run(_shop, actor)
    run(menu_uc.delete_category, actor, ids["drinks"], 1)
    got = run(menu_uc.the_menu, False)
    assert [c.name for c in got.categories] == ["麺類"]
    beer = next(p for p in got.products if p.name == "瓶ビール")
    assert beer.category_id is None
