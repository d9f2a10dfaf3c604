"""`ringdesk import FILE`: customers from .xlsx, .csv or vCard; with bad rows, all the good
ones (--good-rows), none (--all-or-nothing), or, at a terminal, as the user answers."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the import subcommand."""
    p = sub.add_parser(
        "import",
        help="import customers from .xlsx, .csv or .vcf / 顧客を取り込む",
        description="Import customers. When some rows are bad: --good-rows imports the others, "
        "--all-or-nothing imports none; without either a terminal asks, anything else imports "
        "none. 不正な行があるとき: --good-rows で正しい行だけ、"
        "--all-or-nothing で何も取り込みません。",
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help=".xlsx, .csv (UTF-8 or Shift_JIS/CP932) or .vcf (vCard 3.0/4.0, 2.1)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=FIELD",
        help="set a column's field (COL: header, number or letter), e.g. --map お客様=name",
    )
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--region", default="JP", help="default phone region (default JP)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--good-rows", action="store_true", help="import the good rows, report the bad ones"
    )
    mode.add_argument(
        "--all-or-nothing", action="store_true", help="import nothing when any row is bad"
    )
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
    for sheet, r in report.sheet_rejected:
        lines.append(f"  {sheet} 行 row {r.row}: {r.reason}")
    for row, fix in report.fixes:
        lines.append(f"  行 row {row}: 修正 / fixed: {fix}")
    for d in report.duplicates:
        lines.append(
            f"  行 row {d.row}: 登録済みのため省略 / already in the box as {d.existing} "
            f"({d.name}{', ' + d.phone if d.phone else ''})"
        )
    for row, phone in report.shared_numbers:
        lines.append(f"  行 row {row}: 共有の番号 / number shared with another customer: {phone}")
    for sheet in report.ignored_sheets:
        lines.append(
            f"  シート {sheet}: 参照用のため取り込みません / for reading only, not imported"
        )
    lines.append(_summary(report))
    return "\n".join(lines)


def _summary(report: Any) -> str:
    n, bad = len(report.imported_ids), report.problems
    if report.dry_run:
        return f"確認のみ / dry run: {report.to_import} customer(s) would be imported, {bad} bad"
    if bad and not n:
        return (
            f"{bad} 行が不正なため何も取り込みませんでした / {bad} bad row(s): nothing was imported"
        )
    notes = f", メモ notes {report.notes_imported}" if report.notes_imported else ""
    skipped = f"、不正な {bad} 行は除外 / {bad} bad row(s) left out" if bad else ""
    return f"{n} 件取り込みました / imported {n} customer(s){notes}{skipped}"


def _ask(report: Any) -> bool:
    """At a terminal: import the good rows of a file that has bad ones?"""
    good = report.to_import
    if not good or not sys.stdin.isatty():
        return False
    answer = input(
        f"正しい {good} 行だけ取り込みますか / import the {good} good row(s) "
        f"and leave out {report.problems}? [y/N] "
    )
    return answer.strip().lower() in ("y", "yes", "はい")


def _run(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import ProgressBar, check_path, open_store
    from appliance.core.errors import InvalidInput
    from appliance.core.importing.checking import CheckerError
    from appliance.core.importing.run import import_file

    path = check_path(args.file)
    store = open_store(args.data)

    def attempt(good_only: bool, dry_run: bool) -> Any:
        return store.executor.call(
            import_file,
            path,
            overrides=args.map,
            region=args.region,
            dry_run=dry_run,
            good_only=good_only,
            progress=ProgressBar("取り込み import"),
        )

    try:
        report = attempt(args.good_rows, args.dry_run)
        if report.problems and not report.committed and not args.dry_run:
            print(render_report(report))
            if args.all_or_nothing or not _ask(report):
                return 1
            report = attempt(True, False)
    except (InvalidInput, CheckerError, OSError) as exc:
        raise UserFacingError(str(exc)) from exc
    finally:
        store.close()
    print(render_report(report))
    return 1 if report.problems and not report.committed else 0
