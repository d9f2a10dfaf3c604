"""The `ringdesk` command: each module in appliance.cli.commands adds one subcommand."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from appliance.cli import commands


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `command`, only that subcommand when it is one (every
    command module imports its own dependencies, so `ringdesk box` starts faster)."""
    parser = argparse.ArgumentParser(
        prog="ringdesk", description="Ringdesk caller-ID CRM appliance."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    names = sorted(
        m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")
    )
    plugins = sorted(entry_points(group="ringdesk.commands"), key=lambda e: e.name)
    own = [n for n in names if command in (n, n.rstrip("_"))]
    theirs = [e for e in plugins if e.name == command]
    if own or theirs:
        names, plugins = own, theirs
    for name in names:
        importlib.import_module(f"{commands.__name__}.{name}").register(sub)
    for entry in plugins:
        entry.load().register(sub)  # plugins (the desk) the appliance itself must not import
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_in[0] if args_in else None)
    args = parser.parse_args(args_in)
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
