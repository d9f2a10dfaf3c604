"""`ringdesk export FILE`: every customer, one row each, as .xlsx or .csv."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the export subcommand."""
    p = sub.add_parser("export", help="export customers to .xlsx or .csv / 顧客を書き出す")
    p.add_argument("file", metavar="FILE", help="output file; .xlsx or .csv (UTF-8 with BOM)")
    add_data_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.errors import InvalidInput
    from appliance.core.exporting import export_file

    store = open_store(args.data)
    try:
        count = store.executor.call(export_file, Path(args.file).expanduser())
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(f"{count} 件書き出しました / exported {count} customer(s) to {args.file}")
    return 0
