"""`ringdesk init`: data directory, vault with a recovery code, empty migrated database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli import UserFacingError
from appliance.cli.options import add_data_option

if TYPE_CHECKING:
    from appliance.vault.keys import Argon2Params
    from appliance.vault.vault import Vault


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the init subcommand."""
    p = sub.add_parser("init", help="create a data directory and its vault / 初期化")
    add_data_option(p)
    p.add_argument(
        "--key-file",
        metavar="FILE",
        help="also create a key file that unlocks "
        "the box by itself while present (a USB stick) / 鍵ファイル",
    )
    p.add_argument(
        "--sheet",
        metavar="PATH",
        help="write a printable recovery sheet (HTML) "
        "here, outside the data directory / 回復シート",
    )
    p.add_argument(
        "--admin",
        metavar="USERNAME",
        help="also create the first admin, whose "
        "password is asked for at the terminal / 最初の管理者",
    )
    p.add_argument("--admin-password-file", metavar="FILE", help=argparse.SUPPRESS)
    add_argon_options(p)
    p.set_defaults(func=_init)


def add_argon_options(p: argparse.ArgumentParser) -> None:
    """Argon2id cost of the recovery slot (defaults suit a Raspberry Pi; tests use less)."""
    p.add_argument("--argon-time", type=int, default=3, help=argparse.SUPPRESS)
    p.add_argument("--argon-memory-kib", type=int, default=64 * 1024, help=argparse.SUPPRESS)


def argon_from(args: argparse.Namespace) -> Argon2Params:
    """Argon2Params from the options."""
    from appliance.vault.keys import Argon2Params

    return Argon2Params(time_cost=args.argon_time, memory_kib=args.argon_memory_kib)


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def recovery_sheet(code: str, data_dir: Path) -> str:
    """The printable recovery sheet (HTML) for one code."""
    from html import escape

    return (
        "<!doctype html><meta charset='utf-8'><title>Ringdesk 回復コード / recovery code</title>"
        "<h1>Ringdesk 回復コード / Recovery code</h1>"
        f"<p style='font:2em monospace'>{escape(code)}</p>"
        f"<p>データ / data: {escape(str(data_dir))}</p>"
        "<p>デスクも鍵ファイルも使えない時に箱を解錠するコードです。金庫に保管してください。"
        "この紙を持つ人は全データを読めます。</p>"
        "<p>This code unlocks the box when no desk and no key file is left. Keep it in a safe: "
        "whoever holds it can read every record.</p>"
    )


def _write_config(directory: Path) -> list[str]:
    """Write the box's commented ringdesk.toml with the line devices found on this machine;
    returns what to tell the owner about it."""
    from appliance.config import CONFIG_NAME
    from appliance.config_template import config_text
    from appliance.line_detect import detect_lines

    path = directory / CONFIG_NAME
    found = detect_lines()
    if not path.exists():
        path.write_text(config_text(found), encoding="utf-8")
    said = [f"設定 / configuration: {path}"]
    modems = [d for d in found if d.driver == "modem"]
    for i, dev in enumerate(modems, 1):
        said.append(f"  line{i}: モデム / modem {dev.path} ({dev.label})")
    if not modems:
        said.append(
            "  回線機器が見つかりません: シミュレーターで動きます / no line device found: "
            "the box runs on a SIMULATED line until you set your line there"
        )
    for dev in found:
        if dev.driver != "modem":
            said.append(f"  ({dev.driver}: {dev.path} {dev.label}: 例は設定に / see the file)")
    return said


def _admin_password(args: argparse.Namespace) -> str:
    """The first admin's password, asked for (or read) and checked before anything is made."""
    from appliance.cli.commands.user import new_password

    return new_password(args.admin_password_file)


def _first_admin(store: Any, username: str, password: str) -> None:
    """Create the first admin in the new box's store."""
    from appliance.core.access.passwords import hash_password
    from appliance.core.actor import Actor
    from appliance.core.users import create_user

    store.executor.call(
        create_user,
        Actor.system("console"),
        username,
        role="admin",
        password_hash=hash_password(password),
    )


def _undo(vault: Vault, keyfile: Path | None) -> None:
    """Remove what a failed init made: nobody has seen the recovery code, so it holds nothing."""
    paths = [vault.slot_path, vault.database_path, *([keyfile] if keyfile else [])]
    paths += [Path(f"{vault.database_path}{suffix}") for suffix in ("-wal", "-shm")]
    for path in paths:
        path.unlink(missing_ok=True)


def _init(args: argparse.Namespace) -> int:
    from appliance.paths import data_dir
    from appliance.vault.errors import VaultError
    from appliance.vault.vault import Vault

    directory = data_dir(args.data)
    sheet = Path(args.sheet) if args.sheet else None
    if sheet is not None and _inside(sheet, directory):
        raise UserFacingError(
            "回復シートをデータディレクトリに置かないでください / the recovery sheet must not be "
            f"written inside the data directory {directory}: it would unlock the data"
        )
    argon = argon_from(args)
    admin_password = _admin_password(args) if args.admin else None
    if args.key_file and Path(args.key_file).exists():
        raise UserFacingError(
            f"鍵ファイルが既にあります / {args.key_file} already exists; choose a new file name"
        )
    try:
        unlocked, code = Vault.create(directory, argon=argon)
    except VaultError as exc:
        raise UserFacingError(str(exc)) from None
    try:
        if args.key_file:
            keyfile = unlocked.add_keyfile_slot(Path(args.key_file))
        store = unlocked.open_store(create=True)
        try:
            if args.admin and admin_password is not None:
                _first_admin(store, args.admin, admin_password)
        finally:
            store.close()
    except Exception as exc:
        _undo(unlocked.vault, Path(args.key_file) if args.key_file else None)
        raise UserFacingError(
            f"初期化できませんでした (何も残していません) / init failed and was undone: {exc}"
        ) from None
    print(f"初期化しました / initialised {directory}")
    for line in _write_config(directory):
        print(line)
    if args.admin:
        print(f"管理者を追加しました / admin added: {args.admin}")
    if args.key_file:
        note = (
            " (demo convenience: a real box keeps it on a USB stick)"
            if _inside(keyfile, directory)
            else ""
        )
        print(f"鍵ファイル / key file: {keyfile}{note}")
    if sheet is not None:
        from appliance.vault.atomic import atomic_write

        atomic_write(sheet, recovery_sheet(code, directory).encode())
        print(f"回復シート / recovery sheet: {sheet} — 印刷後に削除 / print it, then delete it")
    print("回復コード (一度だけ表示、保存されません) / recovery code (shown once, never stored):")
    print(code)
    return 0
