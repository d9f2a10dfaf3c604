"""`ringdesk demo`: a box on its embedded defaults (SQLCipher, modem emulator) plus a desk."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

DEFAULT_DEMO_DIR = Path(".cache/demo")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the demo subcommand."""
    p = sub.add_parser("demo", help="run the demo box and a desk / デモ")
    p.add_argument(
        "--data", metavar="DIR", default=None, help=f"demo directory (default {DEFAULT_DEMO_DIR})"
    )
    p.add_argument("--customers", type=int, default=2000, help="seeded customers (first run)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--headless", action="store_true", help="print pops instead of the desk UI")
    p.add_argument("--calls", type=int, default=0, help="calls to place (0: until the desk closes)")
    p.add_argument("--gap", type=float, default=12.0, help="seconds between calls")
    p.add_argument("--port", type=int, default=18443, help="the demo box's API port")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from appliance.demo.conductor import DemoOptions, run

    data = Path(args.data) if args.data else DEFAULT_DEMO_DIR
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    opts = DemoOptions(
        data.resolve(),
        customers=args.customers,
        lang=args.lang,
        headless=args.headless,
        calls=args.calls,
        gap_s=args.gap,
        port=args.port,
    )
    return asyncio.run(run(opts))
