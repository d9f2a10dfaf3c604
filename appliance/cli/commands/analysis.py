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
    li = cmds.add_parser(
        "list", help="due / dormant / at_risk / cross_sell / survey customers / 行動リスト"
    )
    li.add_argument("name", choices=("due", "dormant", "at_risk", "cross_sell", "survey"))
    li.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    li.add_argument("--out", metavar="FILE", help="write the list to .xlsx or .csv")
    li.add_argument("--call-list", metavar="NAME", help="make a call list of it named NAME")
    add_data_option(li)
    li.set_defaults(func=_list)


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


def _list(args: argparse.Namespace) -> int:
    from pathlib import Path

    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.actor import Actor
    from appliance.core.analysis import listout, lists
    from appliance.core.errors import InvalidInput

    store = open_store(args.data)
    try:
        found = store.executor.call(lists.get_list, args.name, args.limit)
        if args.out:
            store.executor.call(listout.write_file, found, Path(args.out).expanduser())
        if args.call_list:
            actor = Actor.system("ringdesk analysis")
            made = store.executor.call(listout.to_call_list, actor, args.call_list, found)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    except OSError as exc:
        raise UserFacingError(f"書けません / cannot write {args.out}: {exc.strerror}") from exc
    finally:
        store.close()
    for row in found:
        f = row.figures
        print(f"{f.customer_id}\t{f.rank or '-'}\t{f.rfm}\t{f.revenue}\t{row.reason}\t{f.name}")
        for b in row.before:
            print(f"\t\t{b.at.date().isoformat()} {b.kind}: {b.text}")
    print(f"{len(found)} 件 / {len(found)} customer(s)")
    if args.out:
        print(f"書き出しました / written to {args.out}")
    if args.call_list:
        print(f"架電リスト #{made.id} を作りました / call list #{made.id} made: {args.call_list}")
    return 0
