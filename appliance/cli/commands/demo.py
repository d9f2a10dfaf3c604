"""`ringdesk demo`: a box on its embedded defaults, an emulated line, pops printed as they come."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from appliance.cli.options import add_data_option

DEFAULT_DEMO_DIR = Path(".cache/demo")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the demo subcommand."""
    p = sub.add_parser("demo", help="run the demo box with an emulated line / デモ")
    add_data_option(p)
    p.add_argument("--customers", type=int, default=2000, help="seeded customers (first run)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--calls", type=int, default=0, help="calls to play (0: loop until Ctrl-C)")
    p.add_argument("--gap", type=float, default=3.0, help="seconds between calls")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from appliance.demo.cast import call_stream
    from appliance.demo.run import banner, play, seed_if_empty, simulated_line
    from appliance.vault.session import demo_vault

    data = Path(args.data) if args.data else DEFAULT_DEMO_DIR
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    unlocked = demo_vault(data)
    store = unlocked.open_store(create=not unlocked.vault.database_path.exists())
    try:
        count = store.executor.call(seed_if_empty, args.customers)
        print(banner(data.resolve(), count, args.lang), flush=True)
        line, place = simulated_line(pace=0.5)

        async def forever() -> None:
            played = 0
            while args.calls == 0 or played < args.calls:
                calls = call_stream(seed=played)
                if args.calls:
                    calls = calls[: args.calls - played]
                await play(store, line, place, calls, lang=args.lang, gap_s=args.gap)
                played += len(calls)

        asyncio.run(forever())
    finally:
        store.close()
    return 0
