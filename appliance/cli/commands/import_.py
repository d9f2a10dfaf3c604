"""`ringdesk import FILE`: customers from .xlsx or .csv, all rows or none."""

from __future__ import annotations

import argparse
from typing import Any

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the import subcommand."""
    p = sub.add_parser(
        "import",
        help="import customers from .xlsx or .csv / 顧客を取り込む",
        description="Import customers; if any row is rejected nothing is imported. "
        "不正な行が一つでもあれば何も取り込みません。",
    )
    p.add_argument("file", metavar="FILE", help=".xlsx or .csv (UTF-8 or Shift_JIS/CP932)")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=FIELD",
        help="set a column's field (COL: header, number or letter), e.g. --map お客様=name",
    )
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--region", default="JP", help="default phone region (default JP)")
    add_data_option(p)
    p.set_defaults(func=_run)


def render_report(report: Any) -> str:
    """The report a person reads after an import: mapping, counts and every problem row."""
    from appliance.core.importing.mapping import describe

    lines = ["列の割り当て / column mapping:", describe(report.headers, report.mapping)]
    if report.encoding:
        lines.append(f"文字コード / encoding: {report.encoding}")
    for r in report.rejected:
        lines.append(f"  行 row {r.row}: {r.reason}")
    for d in report.duplicates:
        lines.append(
            f"  行 row {d.row}: 重複のため省略 / skipped duplicate of {d.existing} "
            f"({d.name}, {d.phone})"
        )
    for row, phone in report.shared_numbers:
        lines.append(f"  行 row {row}: 共有の番号 / number shared with another customer: {phone}")
    if report.rejected:
        lines.append(
            f"{len(report.rejected)} 行が不正なため何も取り込みませんでした / "
            f"{len(report.rejected)} row(s) rejected: nothing was imported"
        )
    elif report.dry_run:
        lines.append(f"確認のみ / dry run: {report.to_import} customer(s) would be imported")
    else:
        n = len(report.imported_ids)
        lines.append(f"{n} 件取り込みました / imported {n} customer(s)")
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import ProgressBar, check_path, open_store
    from appliance.core.errors import InvalidInput
    from appliance.core.importing.run import import_file

    path = check_path(args.file)
    store = open_store(args.data)
    try:
        report = store.executor.call(
            import_file,
            path,
            overrides=args.map,
            region=args.region,
            dry_run=args.dry_run,
            progress=ProgressBar("取り込み import"),
        )
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(render_report(report))
    return 1 if report.rejected else 0
