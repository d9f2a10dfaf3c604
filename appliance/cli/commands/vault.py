"""`ringdesk vault slots|add-keyfile|add-desk|revoke|rotate|new-recovery-code|unlock-test`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError
from appliance.cli.commands.init import add_argon_options, argon_from
from appliance.cli.options import add_data_option

if TYPE_CHECKING:
    from appliance.vault.unlocked import Unlocked

KINDS = {
    "desk": "デスク / desk",
    "recovery": "回復コード / recovery",
    "keyfile": "鍵ファイル / key file",
}


def _unlock_options(p: argparse.ArgumentParser) -> None:
    add_data_option(p)
    how = p.add_mutually_exclusive_group()
    how.add_argument("--recovery", action="store_true", help="use the recovery code / 回復コード")
    how.add_argument("--key-file", metavar="FILE", help="unlock with this key file")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the vault subcommand."""
    p = sub.add_parser("vault", help="keys and slots / 鍵とスロット")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    s = verbs.add_parser("slots", help="list the slots / スロット一覧")
    add_data_option(s)
    s.set_defaults(func=_slots)
    k = verbs.add_parser("add-keyfile", help="new key file and slot / 鍵ファイルを追加")
    _unlock_options(k)
    k.add_argument("file", help="where to create the key file (a USB stick)")
    k.add_argument("--name", default=None, help="slot name (default keyfile-N)")
    k.set_defaults(func=_add_keyfile)
    d = verbs.add_parser("add-desk", help="new desk slot; prints its secret / デスクを追加")
    _unlock_options(d)
    d.add_argument("name")
    d.set_defaults(func=_add_desk)
    r = verbs.add_parser("revoke", help="delete a slot / スロットを削除")
    _unlock_options(r)
    r.add_argument("name")
    r.add_argument("--rotate", action="store_true", help="also rotate the data key")
    r.set_defaults(func=_revoke)
    o = verbs.add_parser("rotate", help="new data key, database rekeyed / 鍵を更新")
    _unlock_options(o)
    o.set_defaults(func=_rotate)
    n = verbs.add_parser("new-recovery-code", help="replace the recovery code / 回復コード再発行")
    _unlock_options(n)
    add_argon_options(n)
    n.set_defaults(func=_new_code)
    u = verbs.add_parser("unlock-test", help="unlock, open, merge the inbox / 解錠テスト")
    _unlock_options(u)
    u.add_argument(
        "--keep-torn",
        action="store_true",
        help="set an incomplete last inbox record aside, then merge",
    )
    u.set_defaults(func=_unlock_test)


def _read_code() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("回復コード / recovery code: ")
    return sys.stdin.readline()


def _unlock(args: argparse.Namespace) -> Unlocked:
    from appliance.cli.context import unlock_for
    from appliance.paths import data_dir
    from appliance.vault.errors import VaultError
    from appliance.vault.vault import Vault

    directory = data_dir(args.data, create=False)
    try:
        if getattr(args, "recovery", False):
            return Vault(directory).unlock_with_recovery(_read_code())
        if getattr(args, "key_file", None):
            return Vault(directory).unlock_with_keyfile(Path(args.key_file))
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    return unlock_for(directory)


def _slots(args: argparse.Namespace) -> int:
    from appliance.paths import data_dir
    from appliance.vault.errors import VaultError
    from appliance.vault.vault import Vault

    vault = Vault(data_dir(args.data, create=False))
    try:
        for slot in vault.slots():
            where = f"  {slot.path}" if slot.path else ""
            print(f"{slot.name:<20} {KINDS[slot.kind]:<24} {slot.created_at}{where}")
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    return 0


def _add_keyfile(args: argparse.Namespace) -> int:
    from appliance.vault.errors import VaultError

    unlocked = _unlock(args)
    taken = {s.name for s in unlocked.vault.slots()}
    name = args.name or next(f"keyfile-{i}" for i in range(1, 1000) if f"keyfile-{i}" not in taken)
    try:
        path = unlocked.add_keyfile_slot(Path(args.file), name)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    print(f"追加しました / added slot {name}: {path}")
    return 0


def _add_desk(args: argparse.Namespace) -> int:
    from appliance.vault.errors import VaultError

    unlocked = _unlock(args)
    try:
        secret = unlocked.add_desk_slot(args.name)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    print(f"デスクの鍵 (一度だけ表示) / desk secret for {args.name} (shown once):")
    print(secret.hex())
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from appliance.vault.errors import VaultError

    unlocked = _unlock(args)
    try:
        unlocked.revoke(args.name)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    print(f"削除しました / revoked slot {args.name}")
    return _do_rotate(unlocked) if args.rotate else 0


def _rotate(args: argparse.Namespace) -> int:
    return _do_rotate(_unlock(args))


def _do_rotate(unlocked: Unlocked) -> int:
    from appliance.cli.context import merge_pending_inbox
    from appliance.db.connection import DatabaseOpenError
    from appliance.vault.errors import VaultError

    try:
        store = unlocked.open_store()
    except DatabaseOpenError as exc:
        raise UserFacingError(str(exc)) from None
    try:
        merge_pending_inbox(unlocked, store)
        unlocked.rotate(store)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    finally:
        store.close()
    print("データ鍵を更新しました / data key rotated; every slot still opens the box")
    return 0


def _new_code(args: argparse.Namespace) -> int:
    unlocked = _unlock(args)
    code = unlocked.replace_recovery_code(argon_from(args))
    print(
        "新しい回復コード (一度だけ表示、古いコードは無効) / new recovery code "
        "(shown once; the old one no longer works):"
    )
    print(code)
    return 0


def _unlock_test(args: argparse.Namespace) -> int:
    from appliance.cli.context import merge_pending_inbox
    from appliance.db.connection import DatabaseOpenError
    from appliance.vault.errors import VaultError
    from appliance.vault.inbox import quarantine_torn_tail

    unlocked = _unlock(args)
    try:
        store = unlocked.open_store()
    except DatabaseOpenError as exc:
        raise UserFacingError(str(exc)) from None
    try:
        if args.keep_torn and unlocked.vault.inbox_path.exists():
            quarantine_torn_tail(unlocked.vault.inbox_path)
        merged = merge_pending_inbox(unlocked, store)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    finally:
        store.close()
    print(f"解錠できました / unlocked; {merged} inbox record(s) merged")
    return 0
