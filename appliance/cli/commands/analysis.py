"""`ringdesk analysis ...`: recompute the customer figures, list customers by rank."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the analysis subcommands."""
    p = sub.add_parser("analysis", help="customer ranks, RFM, LTV / 顧客分析")
    cmds = p.add_subparsers(dest="analysis_cmd", required=True)
    rc = cmds.add_parser("recompute", help="recompute every customer's figures / 全件再計算")
    add_data_option(rc)
    rc.set_defaults(func=_recompute)
    ls = cmds.add_parser("customers", help="customers by rank with RFM and LTV / ランク別顧客")
    ls.add_argument("--rank", choices=("A", "B", "C"), help="only this rank")
    ls.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    add_data_option(ls)
    ls.set_defaults(func=_customers)


def _recompute(args: argparse.Namespace) -> int:
    from appliance.cli.commands._data_common import open_store
    from appliance.core.analysis import metrics

    store = open_store(args.data)
    try:
        count = store.executor.call(metrics.full_recompute)
    finally:
        store.close()
    print(f"{count} 件の顧客を再計算しました / recomputed {count} customer(s)")
    return 0


def _customers(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.analysis import figures
    from appliance.core.errors import InvalidInput

    if not 1 <= args.limit <= 100_000:
        raise UserFacingError("--limit は 1〜100000 / --limit must be 1..100000")
    store = open_store(args.data)
    try:
        found = store.executor.call(figures.by_rank, args.rank, args.limit)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print("id\trank\tdecile\tRFM\tLTV\trevenue\torders\tlast order\tnext due\tdormant\tname")
    for f in found:
        last = f.last_order_at.date().isoformat() if f.last_order_at else "-"
        due = f.next_due_at.date().isoformat() if f.next_due_at else "-"
        print(
            f"{f.customer_id}\t{f.rank or '-'}\t{f.decile or '-'}\t{f.rfm}\t{f.ltv}\t"
            f"{f.revenue}\t{f.orders}\t{last}\t{due}\t{'yes' if f.dormant else '-'}\t{f.name}"
        )
    return 0
