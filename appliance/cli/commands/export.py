"""`ringdesk export FILE`: every customer, one row each, as .xlsx or .csv; or a vCard each."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the export subcommand."""
    p = sub.add_parser("export", help="export customers to .xlsx, .csv or .vcf / 顧客を書き出す")
    p.add_argument(
        "file", metavar="FILE", help="output file; .xlsx, .csv (UTF-8 with BOM) or .vcf (vCard)"
    )
    p.add_argument(
        "--vcard-version",
        choices=["3.0", "4.0"],
        default="3.0",
        help="the vCard version of a .vcf (default 3.0, what most phones read)",
    )
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
    from appliance.core.vcard.writing import export_vcards

    sheets = [s.strip() for s in args.sheets.split(",") if s.strip() not in ("", "none")]
    path = Path(args.file).expanduser()
    store = open_store(args.data)
    try:
        if path.suffix.lower() in (".vcf", ".vcard"):
            count = store.executor.call(export_vcards, path, args.vcard_version)
        else:
            count = store.executor.call(export_file, path, sheets=sheets)
    except (InvalidInput, OSError) as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(f"{count} 件書き出しました / exported {count} customer(s) to {args.file}")
    return 0
