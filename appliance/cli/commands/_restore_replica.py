"""`ringdesk restore --from-replica FILE`: a new box from a desk replica, or a snapshot topped
up with the replica's changes after it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appliance.cli import UserFacingError

KEY_FILE = "replica-key"


def replica_key(args: argparse.Namespace) -> bytes:
    """The desk's 32-byte replica key (--replica-key, else the file beside the replica)."""
    path = Path(args.replica_key or Path(args.replica).with_name(KEY_FILE)).expanduser()
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(
            f"複製の鍵を読めません / cannot read the replica key {path}: "
            f"{exc.strerror or exc} (give --replica-key FILE; a desk writes"
            " it with `ringdesk desk --replica-key-out FILE`)"
        ) from None
    if len(key) != 32:
        raise UserFacingError(f"複製の鍵ではありません / {path} is not a replica key (32 bytes)")
    return key


def add_replica(args: argparse.Namespace, unlocked: Any, *, fresh: bool) -> None:
    """Write the replica into the new box's database and print what it added."""
    from appliance.db.store import Store
    from appliance.replica_restore import ReplicaRestoreError, apply_replica

    key = replica_key(args)
    store = Store.open(unlocked.vault.database_path, unlocked.database_key)
    try:
        report = store.executor.call(apply_replica, Path(args.replica), key, fresh=fresh)
        no_password = store.executor.call(_without_password)
    except ReplicaRestoreError as exc:
        raise UserFacingError(str(exc)) from None
    finally:
        store.close()
    if report.chain is not None and not report.chain.ok:
        raise UserFacingError(
            f"監査ログの連鎖が切れています / the restored audit chain is broken "
            f"at row {report.chain.bad_id}: {report.chain.reason}"
        )
    rows = sum(report.written.values())
    checked = report.chain.checked if report.chain else 0
    print(
        f"複製から復元しました / from the replica: {rows} rows written, {report.deleted} "
        f"deleted, {report.orphans} left by the box's cascades fixed; changes "
        f"{report.base_seq} → {report.seq} (replica holds {report.replica_seq}); audit chain "
        f"of {checked} rows checked"
    )
    if no_password:
        print(
            f"注意: 複製にはパスワードが含まれません。次のユーザーは管理者がパスワードを"
            f"設定するまでログインできません / NOTE: replicas carry no passwords; these "
            f"users cannot log in until an admin sets one: {', '.join(no_password)}\n"
            f"  ringdesk user passwd NAME --data {args.data}"
        )


def _without_password() -> list[str]:
    """Active users who have no password (db thread)."""
    from appliance.db.models import User

    rows = User.select(User.username).where(User.active & (User.password_hash == ""))
    return [str(u.username) for u in rows.order_by(User.username)]


def restore_replica_only(args: argparse.Namespace, newdir: Path) -> int:
    """A new box whose data is the replica's; nothing is left behind on failure."""
    from appliance.cli.commands.init import argon_from
    from appliance.cli.commands.restore import announce_new_code, undo_new_box
    from appliance.vault.vault import Vault

    replica_key(args)  # refused before anything is made
    made_dir = not newdir.exists()
    unlocked, code = Vault.create(newdir, argon=argon_from(args))
    try:
        unlocked.open_store(create=True).close()
        add_replica(args, unlocked, fresh=True)
        if args.key_file:
            unlocked.add_keyfile_slot(Path(args.key_file))
    except Exception as exc:
        undo_new_box(newdir, made_dir, unlocked)
        if isinstance(exc, UserFacingError):
            raise
        raise UserFacingError(
            f"復元できませんでした (何も残していません) / restore failed and was undone: {exc}"
        ) from None
    announce_new_code(args, code, newdir)
    return 0
