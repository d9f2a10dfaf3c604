"""`ringdesk export FILE`: every customer, one row each, as .xlsx or .csv."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the export subcommand."""
    p = sub.add_parser("export", help="export customers to .xlsx or .csv / 顧客を書き出す")
    p.add_argument("file", metavar="FILE", help="output file; .xlsx or .csv (UTF-8 with BOM)")
    p.add_argument(
        "--sheets",
        default="notes,orders",
        metavar="LIST",
        help="extra .xlsx sheets: any of notes,orders,calls, or none (default notes,orders)",
    )
    add_data_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.errors import InvalidInput
    from appliance.core.exporting import export_file

    sheets = [s.strip() for s in args.sheets.split(",") if s.strip() not in ("", "none")]
    store = open_store(args.data)
    try:
        count = store.executor.call(export_file, Path(args.file).expanduser(), sheets=sheets)
    except (InvalidInput, OSError) as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(f"{count} 件書き出しました / exported {count} customer(s) to {args.file}")
    return 0
