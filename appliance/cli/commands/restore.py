"""`ringdesk restore --at TIME --data NEWDIR`: a new box from a sealed backup and the code."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli import UserFacingError
from appliance.cli.commands.backup import RecoveryKeys, read_code, target_of
from appliance.cli.commands.init import add_argon_options, argon_from, recovery_sheet

if TYPE_CHECKING:
    from appliance.vault.unlocked import Unlocked


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the restore subcommand."""
    p = sub.add_parser(
        "restore",
        help="restore a sealed backup into a new data directory (needs the recovery code) / 復元",
    )
    p.add_argument(
        "--at",
        default=None,
        metavar="TIME",
        help="the newest backup at or before TIME (ISO 8601, local time unless "
        "an offset is given; 'latest' for the newest)",
    )
    p.add_argument(
        "--from",
        dest="target",
        metavar="DIR",
        default=None,
        help="backup folder or USB stick (default: $RINGDESK_BACKUP)",
    )
    p.add_argument(
        "--data",
        required=True,
        metavar="NEWDIR",
        help="new, empty data directory for the restored box",
    )
    p.add_argument(
        "--from-replica",
        dest="replica",
        metavar="FILE",
        default=None,
        help="a desk's replica.db: alone, or with --at the changes after that "
        "backup / デスクの複製から復元",
    )
    p.add_argument(
        "--replica-key",
        metavar="FILE",
        default=None,
        help="the desk's replica-key file (default: beside the replica)",
    )
    p.add_argument("--key-file", metavar="FILE", help="also create a key file slot")
    p.add_argument("--sheet", metavar="PATH", help="write the new recovery sheet (HTML) here")
    add_argon_options(p)
    p.set_defaults(func=_restore)


def parse_at(text: str) -> dt.datetime | None:
    """TIME as an aware UTC datetime (None for 'latest'); naive times are local."""
    if text.strip().lower() in ("latest", "now", "newest"):
        return None
    try:
        at = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserFacingError(
            f"時刻が読めません / cannot read the time {text!r}: use e.g. 2026-12-01T18:30 "
            "or 2026-12-01T18:30+09:00"
        ) from None
    if at.tzinfo is None:
        at = at.astimezone()  # the operator's local time
    return at.astimezone(dt.UTC)


def _restore(args: argparse.Namespace) -> int:
    from appliance.cli.commands._data_common import ProgressBar
    from appliance.db.store import Store
    from appliance.vault.vault import Vault
    from backups import BackupError, list_backups, pick, restore_file
    from backups.verify import header_of

    newdir = Path(args.data).expanduser().resolve()
    if Vault(newdir).exists() or Vault(newdir).database_path.exists():
        raise UserFacingError(
            f"{newdir} には既に箱があります / {newdir} already holds a box: restore into a new, "
            "empty directory (nothing was changed)"
        )
    if args.at is None:
        if args.replica is None:
            raise UserFacingError(
                "--at TIME か --from-replica FILE を指定してください / give "
                "--at TIME, --from-replica FILE, or both"
            )
        from appliance.cli.commands._restore_replica import restore_replica_only

        return restore_replica_only(args, newdir)
    try:
        entry = pick(list_backups(target_of(args)), parse_at(args.at))
        header = header_of(entry.path)
    except BackupError as exc:
        raise UserFacingError(str(exc)) from None
    if args.replica is not None:
        from appliance.cli.commands._restore_replica import replica_key

        replica_key(args)  # a missing replica key is refused before the code is asked for
    private = RecoveryKeys(read_code()).for_header(header)  # refused before anything is made
    made_dir = not newdir.exists()
    unlocked, code = Vault.create(newdir, argon=argon_from(args))
    try:
        report = restore_file(
            entry.path,
            unlocked.vault.database_path,
            unlocked.database_key,
            private_key=private,
            progress=ProgressBar("復元 / restore"),
        )
        Store.open(unlocked.vault.database_path, unlocked.database_key).close()  # migrates
        if args.replica is not None:
            from appliance.cli.commands._restore_replica import add_replica

            add_replica(args, unlocked, fresh=False)
        if args.key_file:
            unlocked.add_keyfile_slot(Path(args.key_file))
    except Exception as exc:  # anything at all: leave no half-made box behind
        undo_new_box(newdir, made_dir, unlocked)
        raise UserFacingError(
            f"復元できませんでした (何も残していません) / restore failed and was undone: {exc}"
        ) from None
    rows = sum(report.counts.values())
    print(
        f"復元しました / restored {entry.path.name} "
        f"({entry.created_at.astimezone().isoformat()}) into {newdir}: {rows} rows in "
        f"{len(report.counts)} tables, all checked"
    )
    announce_new_code(args, code, newdir)
    return 0


def undo_new_box(newdir: Path, made_dir: bool, unlocked: Unlocked) -> None:
    """What a failed restore made goes: the new directory, or the files it put in one."""
    if made_dir:
        shutil.rmtree(newdir, ignore_errors=True)
    else:
        for p in (unlocked.vault.slot_path, unlocked.vault.database_path):
            p.unlink(missing_ok=True)


def announce_new_code(args: argparse.Namespace, code: str, newdir: Path) -> None:
    """The restored box's new recovery sheet (--sheet) and code, shown once."""
    if args.sheet:
        from appliance.vault.atomic import atomic_write

        atomic_write(Path(args.sheet), recovery_sheet(code, newdir).encode())
    print(
        "新しい回復コード (一度だけ表示、保存されません) / the restored box's NEW recovery code "
        "(shown once, never stored); desks must be paired again:"
    )
    print(code)
