"""`ringdesk bench NAME [--json]`: run one benchmark from appliance.bench."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from appliance import bench as bench_pkg
from appliance.cli.options import add_data_option


def _names() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.iter_modules(bench_pkg.__path__)
        if not m.name.startswith("_") and m.name != "result"
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the bench subcommand."""
    p = sub.add_parser("bench", help="run a benchmark and print figures with their budgets")
    p.add_argument("name", choices=_names(), help="benchmark to run")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    p.add_argument(
        "--corpus",
        default=None,
        help="reference corpus folder (callerid bench: its callerid/ folder), "
        "default $RINGDESK_CORPUS",
    )
    p.add_argument("--only", default=None, help="run only this part (data: import)")
    p.add_argument("--cycles", type=int, default=None, help="kill cycles (crash, powercut)")
    p.add_argument(
        "--sync",
        choices=("full", "normal", "off"),
        default=None,
        help="PRAGMA synchronous for the writer (crash, powercut; default full)",
    )
    add_data_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.core.errors import InvalidInput

    module = importlib.import_module(f"appliance.bench.{args.name}")
    try:
        result = module.run(args)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    print(result.as_json() if args.json else result.as_text())
    return 0
