"""`ringdesk pair`: on the box, open pairing for one more desk and show its code."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the pair subcommand."""
    p = sub.add_parser(
        "pair", help="open pairing on the running box for another desk / デスクを追加"
    )
    add_data_option(p)
    p.set_defaults(func=_pair)


def ask_box(directory: Path, op: str, **values: str) -> dict[str, Any]:
    """One request to the box running on `directory`; UserFacingError when none answers."""
    from appliance.cli import UserFacingError
    from appliance.console_socket import ask

    try:
        return ask(directory, op, values)
    except PermissionError:
        raise UserFacingError(
            "箱のユーザーで実行してください / run this as the box's user "
            "(sudo -u ringdesk ringdesk ...) or as root"
        ) from None
    except (OSError, ValueError):
        raise UserFacingError(
            f"箱が動いていません / no box is running on {directory} (start it: ringdesk box)"
        ) from None


def _pair(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.contract.pairing import printed_code
    from appliance.paths import data_dir

    directory = data_dir(args.data)
    answer = ask_box(directory, "open_pairing")
    if answer.get("error") == "locked":
        raise UserFacingError(
            "箱はロック中です。先に解錠してください / the box is locked: unlock it first "
            f"(ringdesk unlock --data {directory}, or the key file, or a paired desk)"
        )
    if "code" not in answer:
        raise UserFacingError(f"箱が断りました / the box refused: {answer.get('error')}")
    minutes = round(float(answer["seconds"]) / 60)
    until = (dt.datetime.now() + dt.timedelta(seconds=float(answer["seconds"]))).strftime("%H:%M")
    print(f"ペアリングコード / pairing code: {printed_code(str(answer['code']))}")
    print(f"  {minutes} 分有効 ({until} まで) / valid {minutes} minutes (until {until})")
    print("  新しいデスクで: ringdesk desk / on the new desk: ringdesk desk")
    return 0
