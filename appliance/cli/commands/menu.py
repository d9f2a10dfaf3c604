"""`ringdesk menu`: the shop's menu from the box's terminal: list it, import it from .xlsx or
.csv (columns guessed, COL=FIELD to set one, a row report), add a product, sold out on/off."""

from __future__ import annotations

import argparse
from typing import Any

from appliance.cli.options import add_data_option

ACTOR_NAME = "menu (CLI)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the menu subcommand."""
    p = sub.add_parser("menu", help="the menu: list, import, add, sold out / メニュー")
    menu_sub = p.add_subparsers(dest="menu_command", required=True)
    ls = menu_sub.add_parser("list", help="the menu in order / メニュー一覧")
    add_data_option(ls)
    ls.set_defaults(func=_list)
    imp = menu_sub.add_parser(
        "import",
        help="products from .xlsx or .csv / 表から取り込む",
        description="Columns are guessed from the headers (商品名, 価格, 分類, 税区分, "
        "オプション...); --map COL=FIELD sets one (FIELD: name, reading, sku, price, category, "
        "tax_class, sold_out, sort_order, options, skip). A product of the same name (or SKU) "
        "is updated. With bad rows nothing is written unless --good-rows.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--map", action="append", default=[], metavar="COL=FIELD")
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp.add_argument("--good-rows", action="store_true", help="write the good rows anyway")
    add_data_option(imp)
    imp.set_defaults(func=_import)
    add = menu_sub.add_parser("add", help="one product / 商品を追加")
    add.add_argument("name")
    add.add_argument("price", type=int, help="in minor units (yen; cents)")
    add.add_argument("--category", default="")
    add.add_argument(
        "--tax",
        choices=("reduced", "standard"),
        default="reduced",
        help="Japan: reduced = food (8 %% delivered, 10 %% eaten in), standard 10 %%",
    )
    add.add_argument("--rate-bp", type=int, default=0, help="a per-product rate (825 = 8.25 %%)")
    add.add_argument("--option", action="append", default=[], metavar="NAME[+PRICE]")
    add_data_option(add)
    add.set_defaults(func=_add)
    sold = menu_sub.add_parser("sold-out", help="mark sold out (--back: on sale again) / 品切れ")
    sold.add_argument("name")
    sold.add_argument("--back", action="store_true")
    add_data_option(sold)
    sold.set_defaults(func=_sold_out)


def _store(args: argparse.Namespace) -> Any:
    from appliance.cli.commands._data_common import open_store

    return open_store(args.data)


def _list(args: argparse.Namespace) -> int:
    from appliance.core.usecases.menu import the_menu

    store = _store(args)
    try:
        got = store.executor.call(the_menu, True)
    finally:
        store.close()
    names = {c.id: c.name for c in got.categories}
    for p in got.products:
        marks = (" [品切れ sold out]" if p.sold_out else "") + ("" if p.active else " [off]")
        opts = ", ".join(
            f"{o.name}{o.price_delta:+d}" if o.price_delta else o.name for o in p.options
        )
        print(
            f"{names.get(p.category_id or 0, '-')}\t{p.name}\t{p.unit_price}\t{p.tax_class}"
            f"{marks}{'  (' + opts + ')' if opts else ''}"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import check_path
    from appliance.core.actor import Actor
    from appliance.core.errors import InvalidInput
    from appliance.core.menu_import import import_menu

    path = check_path(args.file)
    store = _store(args)
    try:
        report = store.executor.call(
            import_menu,
            Actor(None, None, ACTOR_NAME),
            path,
            overrides=args.map,
            dry_run=args.dry_run,
            good_only=args.good_rows,
        )
    except (InvalidInput, OSError) as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print("列の割り当て / column mapping:")
    for i, (header, name) in enumerate(zip(report.headers, report.mapping, strict=True)):
        print(f"  {chr(65 + i) if i < 26 else i + 1:>2} {header or '(no header)'} → {name}")
    for row, reason in report.rejected:
        print(f"  行 row {row}: {reason}")
    if not report.committed:
        verb = "確認のみ / dry run" if args.dry_run else "何も書き込んでいません / nothing written"
        print(f"{verb}: {len(report.created)} good row(s), {len(report.rejected)} bad")
        return 0 if args.dry_run and not report.rejected else 1 if report.rejected else 0
    print(
        f"追加 {len(report.created)} / added, 更新 {len(report.updated)} / updated, "
        f"除外 {len(report.rejected)} / left out"
    )
    return 0


def _add(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.core import menu
    from appliance.core.actor import Actor
    from appliance.core.errors import InvalidInput
    from appliance.core.menu_import import options_of
    from appliance.db.models import Category

    actor = Actor(None, None, ACTOR_NAME)

    def work() -> int:
        category = None
        if args.category:
            found = Category.live().where(Category.name == args.category).first()
            category = found.id if found else menu.create_category(actor, args.category).id
        product = menu.create_product(
            actor,
            args.name,
            args.price,
            category_id=category,
            tax_class=args.tax,
            tax_rate_bp=args.rate_bp,
        )
        for name, delta in options_of(";".join(args.option)):
            menu.add_option(actor, product.id, name, price_delta=delta)
        return int(product.id)

    store = _store(args)
    try:
        product_id = store.executor.call(work)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(f"商品 #{product_id} を追加しました / added product #{product_id}")
    return 0


def _sold_out(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.core import menu
    from appliance.core.actor import Actor
    from appliance.db.models import Product

    def work() -> bool:
        row = Product.live().where(Product.name == args.name).first()
        if row is None:
            return False
        menu.update_product(
            Actor(None, None, ACTOR_NAME), row.id, row.version, sold_out=not args.back
        )
        return True

    store = _store(args)
    try:
        found = store.executor.call(work)
    finally:
        store.close()
    if not found:
        raise UserFacingError(f"その商品はありません / no product named {args.name!r}")
    print(("販売再開 / back on sale: " if args.back else "品切れ / sold out: ") + args.name)
    return 0
