"""`ringdesk printer status|test`: the printers of ringdesk.toml asked from the box's own
terminal (is it on, has it paper) and a test slip printed, without a desk."""

from __future__ import annotations

import argparse

from appliance.cli import UserFacingError
from appliance.cli.options import add_data_option
from appliance.config import ConfigError, PrinterConfig, load_config

SAYS = {
    "offline": "cannot be reached (power, cable, network?) / 接続できません",
    "paper_out": "out of paper / 用紙がありません",
    "no_font": "no Japanese font: apt-get install fonts-ipafont-gothic / 日本語フォントなし",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the printer subcommand."""
    p = sub.add_parser("printer", help="receipt printers: status and a test slip / プリンタ")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    s = verbs.add_parser("status", help="ask each printer whether it can print / 状態")
    add_data_option(s)
    s.set_defaults(func=_status)
    t = verbs.add_parser("test", help="print a test slip / テスト印字")
    add_data_option(t)
    t.add_argument("name", nargs="?", help="the printer (default: every printer)")
    t.add_argument("--lang", choices=("ja", "en"), default="ja")
    t.set_defaults(func=_test)


def _printers(args: argparse.Namespace, name: str | None = None) -> list[PrinterConfig]:
    from appliance.paths import data_dir

    try:
        config = load_config(data_dir(args.data, create=False))
    except ConfigError as exc:
        raise UserFacingError(str(exc)) from None
    printers = [p for p in config.printers if name in (None, p.name)]
    if not printers:
        known = ", ".join(p.name for p in config.printers) or "none"
        raise UserFacingError(
            f"no printer {name or ''} in ringdesk.toml (printers: {known}) / プリンタがありません"
        )
    return list(printers)


def _status(args: argparse.Namespace) -> int:
    from appliance.printing.device import Device, PrinterError

    worst = 0
    for printer in _printers(args):
        try:
            Device(printer).check()
        except PrinterError as exc:
            print(f"{printer.name}: {SAYS.get(exc.code, exc.code)}")
            worst = 1
            continue
        print(f"{printer.name}: ready / 印刷できます")
    return worst


def _test(args: argparse.Namespace) -> int:
    from appliance.printing.device import Device, PrinterError
    from appliance.printing.queue import render_for
    from appliance.printing.slip import slip_to_json
    from appliance.printing.testpage import trial_slip

    worst = 0
    for printer in _printers(args, args.name):
        try:
            job = render_for(slip_to_json(trial_slip(printer.name, args.lang)), printer)
            Device(printer).print_job(job)
        except PrinterError as exc:
            print(f"{printer.name}: not printed: {SAYS.get(exc.code, exc.code)}")
            worst = 1
            continue
        print(f"{printer.name}: test slip printed / テスト印字しました")
    return worst
