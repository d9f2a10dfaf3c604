"""Migration 0010: a box from before the menu gains categories, options and the product's
tax class, sold-out switch and sort order; its products keep their prices."""

from __future__ import annotations

from appliance.core.actor import Actor
from appliance.core.menu import add_option, create_category, create_product
from appliance.db.migrations import migrate
from appliance.db.models import Product
from appliance.db.store import Store

NEW_COLUMNS = ("category_id", "tax_class", "tax_rate_bp", "sold_out", "sort_order")


def _older_box(db: object) -> None:
    execute = db.execute_sql  # type: ignore[attr-defined]
    execute("DROP TABLE product_option")
    execute("DROP TABLE category")
    execute("PRAGMA foreign_keys = OFF")
    execute(
        "CREATE TABLE product_old (id INTEGER PRIMARY KEY, created_at DATETIME NOT NULL,"
        " updated_at DATETIME NOT NULL, version INTEGER NOT NULL, deleted_at DATETIME,"
        " sku VARCHAR(255) NOT NULL, name VARCHAR(255) NOT NULL, reading VARCHAR(255) NOT NULL,"
        " unit_price INTEGER NOT NULL, currency VARCHAR(255) NOT NULL, active INTEGER NOT NULL)"
    )
    execute("DROP TABLE product")
    execute("ALTER TABLE product_old RENAME TO product")
    execute("PRAGMA foreign_keys = ON")
    execute(
        "INSERT INTO product (created_at, updated_at, version, sku, name, reading, unit_price,"
        " currency, active) VALUES ('2026-01-01', '2026-01-01', 1, '', 'かけそば', '', 600,"
        " 'JPY', 1)"
    )
    execute("DELETE FROM schema_version WHERE version >= 10")


def test_an_older_box_gains_the_menu(store: Store) -> None:
    run = store.executor.call
    run(_older_box, store.db)
    assert run(migrate, store.db)[0] == 10
    columns = {c.name for c in store.db.get_columns("product")}
    assert set(NEW_COLUMNS) <= columns
    old = run(lambda: Product.get(Product.name == "かけそば"))
    assert (old.unit_price, old.tax_class, old.sold_out, old.category) == (
        600,
        "reduced",
        False,
        None,
    )
    actor = Actor(None, None, "店長")
    noodles = run(create_category, actor, "麺類")
    soba = run(create_product, actor, "ざるそば", 800, category_id=noodles.id)
    assert run(add_option, actor, soba.id, "大盛り", price_delta=150).price_delta == 150
