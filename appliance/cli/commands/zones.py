"""`ringdesk zones list|add`: the shop's delivery zones (postal codes or their prefixes, town
names; fee, minimum order, minutes) from the box's terminal."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the zones subcommand."""
    p = sub.add_parser("zones", help="delivery zones: list, add / 配達エリア")
    zones_sub = p.add_subparsers(dest="zones_command", required=True)
    ls = zones_sub.add_parser("list", help="the zones / 一覧")
    add_data_option(ls)
    ls.set_defaults(func=_list)
    add = zones_sub.add_parser(
        "add",
        help="a zone / 追加",
        description="A zone matches an address by postal code (113-0033), a prefix of one "
        "(113*), or a town name (本郷, Brooklyn); the most specific match wins. With zones set, "
        "an address in none of them is refused for delivery.",
    )
    add.add_argument("name")
    add.add_argument("--match", action="append", required=True, metavar="PATTERN")
    add.add_argument("--fee", type=int, default=0)
    add.add_argument("--minimum", type=int, default=0)
    add.add_argument("--minutes", type=int, default=30)
    add_data_option(add)
    add.set_defaults(func=_add)


def _list(args: argparse.Namespace) -> int:
    from appliance.cli.commands._data_common import open_store
    from appliance.core.usecases.zones import listed

    store = open_store(args.data)
    try:
        found = store.executor.call(listed)
    finally:
        store.close()
    for z in found:
        print(f"{z.name}\tfee {z.fee}\tmin {z.minimum}\t{z.minutes} min\t{', '.join(z.patterns)}")
    if not found:
        print("配達エリアなし: どこへでも配達します / no zones: deliveries go anywhere")
    return 0


def _add(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.actor import Actor
    from appliance.core.errors import InvalidInput
    from appliance.core.zones import create_zone

    store = open_store(args.data)
    try:
        zone = store.executor.call(
            create_zone,
            Actor(None, None, "zones (CLI)"),
            args.name,
            "\n".join(args.match),
            fee=args.fee,
            minimum=args.minimum,
            minutes=args.minutes,
        )
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(f"配達エリア #{zone.id} を追加しました / added zone #{zone.id}")
    return 0
