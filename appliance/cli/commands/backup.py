"""`ringdesk backup now|list|verify`: sealed snapshots of the box, listed and checked."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError
from appliance.cli.options import add_data_option

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from backups.container import Header

ENV_TARGET = "RINGDESK_BACKUP"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the backup subcommand and its verbs."""
    p = sub.add_parser("backup", help="sealed backups: now, list, verify / バックアップ")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    now = verbs.add_parser("now", help="write a sealed snapshot now / 今すぐバックアップ")
    add_data_option(now)
    _target_option(now, "--to")
    now.add_argument(
        "--drill",
        action="store_true",
        help="also restore it to a temp dir, compare counts / 復元訓練",
    )
    now.add_argument(
        "--require-mount",
        action="store_true",
        help="refuse unless the target is a mount point (a USB stick)",
    )
    now.set_defaults(func=_now)
    ls = verbs.add_parser("list", help="list the backups in a folder / 一覧")
    _target_option(ls, "--from")
    ls.set_defaults(func=_list)
    ver = verbs.add_parser("verify", help="check backups / 検証")
    add_data_option(ver)
    _target_option(ver, "--from")
    ver.add_argument("file", nargs="?", help="one backup file (default: every one)")
    ver.add_argument(
        "--recovery",
        action="store_true",
        help="decrypt fully with the recovery "
        "code and restore each to a temp dir / 回復コードで完全検証",
    )
    ver.set_defaults(func=_verify)


def _target_option(p: argparse.ArgumentParser, flag: str) -> None:
    p.add_argument(
        flag,
        dest="target",
        metavar="DIR",
        default=None,
        help=f"backup folder or USB stick (default: ${ENV_TARGET})",
    )


def target_of(args: argparse.Namespace) -> Path:
    """The backup folder from the option or the environment; a clear error if neither."""
    value = args.target or os.environ.get(ENV_TARGET)
    if not value:
        raise UserFacingError(
            f"バックアップ先を指定してください / say where the backups are: --to/--from DIR "
            f"or ${ENV_TARGET}"
        )
    return Path(value).expanduser()


def read_code() -> str:
    """The recovery code from the terminal (hidden) or one line of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass("回復コード / recovery code: ")
    return sys.stdin.readline()


class RecoveryKeys:
    """Private keys from one recovery code, derived once per distinct backup recipient."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._cache: dict[bytes, X25519PrivateKey] = {}

    def for_header(self, header: Header) -> X25519PrivateKey:
        """The private key for header's recipient (UserFacingError if the code is not it)."""
        from appliance.vault.backup_keys import private_key_from_code
        from appliance.vault.errors import VaultError

        if header.recipient not in self._cache:
            try:
                self._cache[header.recipient] = private_key_from_code(
                    self.code, header.recipient, header.recipient_hint
                )
            except VaultError as exc:
                raise UserFacingError(str(exc)) from None
        return self._cache[header.recipient]


def _now(args: argparse.Namespace) -> int:
    from appliance.backup_schedule import record_drill, snapshot_now
    from appliance.cli.context import open_store_for, unlock_for
    from appliance.paths import data_dir
    from appliance.vault.errors import VaultError
    from backups import BackupError
    from backups.rotation import prune

    directory = data_dir(args.data, create=False)
    target = target_of(args)
    unlocked = unlock_for(directory)
    try:
        info = snapshot_now(
            unlocked, target, run_drill=args.drill, require_mount=args.require_mount
        )
        removed = prune(target)
    except (BackupError, VaultError) as exc:
        raise UserFacingError(str(exc)) from None
    print(
        f"バックアップしました / backed up: {info.path} ({info.bytes / 1e6:.1f} MB, "
        f"snapshot {info.snapshot_s:.1f} s, seal {info.seal_s:.1f} s, "
        f"verify {info.verify_s:.1f} s)"
    )
    if removed:
        print(f"ローテーションで削除 / rotated out: {len(removed)} old backup(s)")
    if info.drill is not None:
        store = open_store_for(directory)
        try:
            store.executor.call(record_drill, info.drill)
        finally:
            store.close()
        print(info.drill.message)
        return 0 if info.drill.ok else 1
    return 0


def _list(args: argparse.Namespace) -> int:
    from backups import BackupError, list_backups
    from backups.verify import header_of

    target = target_of(args)
    entries = list_backups(target)
    if not entries:
        print(f"バックアップはありません / no backups in {target}")
        return 0
    for entry in entries:
        try:
            header_of(entry.path)
            state = ""
        except BackupError:
            state = "  壊れています / damaged"
        local = entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
        print(f"{local}  {entry.size / 1e6:9.1f} MB  {entry.path.name}{state}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from appliance.cli.commands._data_common import ProgressBar
    from appliance.cli.context import unlock_for
    from appliance.paths import data_dir
    from appliance.vault.backup_keys import verify_key_of
    from backups import BackupError, drill, list_backups
    from backups.verify import check_box_tag, header_of

    paths = [Path(args.file)] if args.file else [e.path for e in list_backups(target_of(args))]
    if not paths:
        raise UserFacingError("検証するバックアップがありません / no backups to verify")
    keys = RecoveryKeys(read_code()) if args.recovery else None
    if keys is None:
        key, key_id = verify_key_of(unlock_for(data_dir(args.data, create=False)))
    failures = 0
    bar = ProgressBar("検証 / verify")
    for n, path in enumerate(paths):
        bar(n, len(paths))
        try:
            if keys is None:
                check_box_tag(path, key, key_id)
                verdict = "ok"
            else:
                report = drill(path, private_key=keys.for_header(header_of(path)))
                if not report.ok:
                    raise BackupError(report.message)
                verdict = f"ok ({sum(report.counts.values())} rows restored)"
        except (BackupError, OSError) as exc:
            failures += 1
            verdict = str(exc)
        print(f"{path.name}: {verdict}")
    bar(len(paths), len(paths))
    return 1 if failures else 0
