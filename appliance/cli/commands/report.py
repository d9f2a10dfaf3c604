"""`ringdesk report --month 2026-11 --out FILE`: the owner's monthly report as .xlsx."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the report subcommand."""
    p = sub.add_parser("report", help="monthly report (.xlsx with charts) / 月次報告書")
    p.add_argument("--month", metavar="YYYY-MM", help="business month (default: last month)")
    p.add_argument("--out", metavar="FILE", required=True, help="the .xlsx file to write")
    add_data_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.analysis import months, report
    from appliance.core.errors import InvalidInput

    try:
        month = months.parse_month(args.month) if args.month else None
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    out = Path(args.out).expanduser()
    store = open_store(args.data)
    try:
        if month is None:
            month = months.add_months(store.executor.call(months.this_month), -1)
        sheets = store.executor.call(report.write_report, month, out)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from exc
    except OSError as exc:
        raise UserFacingError(f"書けません / cannot write {out}: {exc.strerror}") from exc
    finally:
        store.close()
    print(f"{months.label(month)} の報告書 ({sheets} シート) / report written: {out}")
    return 0
