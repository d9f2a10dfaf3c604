"""`ringdesk dev seed`: fill a box with realistic test customers, orders and calls."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the dev subcommand group."""
    p = sub.add_parser("dev", help="developer tools (test data) / 開発用")
    dev_sub = p.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    seed = dev_sub.add_parser("seed", help="add realistic test customers and calls")
    seed.add_argument("--customers", type=int, default=1000, metavar="N")
    seed.add_argument("--calls", type=int, default=10000, metavar="M")
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    add_data_option(seed)
    seed.set_defaults(func=_seed)


def _seed(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import ProgressBar, open_store
    from appliance.core.seeding import seed

    if args.customers < 0 or args.calls < 0:
        raise UserFacingError("--customers と --calls は 0 以上 / must not be negative")
    bars: dict[str, ProgressBar] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bars.setdefault(stage, ProgressBar(stage))(done, total)

    store = open_store(args.data)
    try:
        counts = store.executor.call(
            seed, args.customers, args.calls, seed=args.seed, progress=progress
        )
    finally:
        store.close()
    print(
        f"追加 / added: {counts.customers} customers, {counts.phones} phones, "
        f"{counts.orders} orders, {counts.calls} calls"
    )
    return 0
