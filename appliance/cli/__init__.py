"""The `ringdesk` command: each module in appliance.cli.commands adds one subcommand."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from appliance.cli import commands


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="ringdesk", description="Ringdesk caller-ID CRM appliance."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    for entry in sorted(entry_points(group="ringdesk.commands"), key=lambda e: e.name):
        entry.load().register(sub)  # plugins (the desk) the appliance itself must not import
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.func(args)
    except KeyboardInterrupt:
        return 130
    except UserFacingError as exc:
        print(f"ringdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    return int(result or 0)


class UserFacingError(Exception):
    """An error whose message is shown to the user as-is, without a traceback."""

    exit_code = 1


if __name__ == "__main__":
    sys.exit(main())
