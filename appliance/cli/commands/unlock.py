"""`ringdesk unlock`: on the box, open the running box with the recovery code typed here (a box
without a key file starts locked; a paired desk also unlocks it)."""

from __future__ import annotations

import argparse

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the unlock subcommand."""
    p = sub.add_parser(
        "unlock", help="unlock the running box with the recovery code / 回復コードで解錠"
    )
    add_data_option(p)
    p.set_defaults(func=_unlock)


def _unlock(args: argparse.Namespace) -> int:
    import getpass
    import sys

    from appliance.cli import UserFacingError
    from appliance.cli.commands.pair import ask_box
    from appliance.paths import data_dir

    directory = data_dir(args.data)
    if not sys.stdin.isatty():
        raise UserFacingError(
            "回復コードは端末で入力してください / type the recovery code at a terminal"
        )
    code = getpass.getpass("回復コード / recovery code: ").strip()
    answer = ask_box(directory, "unlock", code=code)
    if answer.get("error") == "wrong_code":
        raise UserFacingError("回復コードが違います / that recovery code does not open this box")
    if not answer.get("unlocked"):
        raise UserFacingError(f"箱が断りました / the box refused: {answer.get('error')}")
    print("解錠しました / the box is unlocked")
    return 0
