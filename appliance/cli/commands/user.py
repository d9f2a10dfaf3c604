"""`ringdesk user add|passwd|list`: the box's users, from the box's own console."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from appliance.cli.options import add_data_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the user subcommand group."""
    p = sub.add_parser("user", help="users who log in at desks / ユーザー")
    user_sub = p.add_subparsers(dest="user_command", metavar="USER_COMMAND", required=True)
    add = user_sub.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", choices=("admin", "manager", "operator"), default="operator")
    add.add_argument("--display-name", default="")
    add.add_argument("--password-file", default=None, help="read the password from a file")
    add_data_option(add)
    add.set_defaults(func=_add)
    pw = user_sub.add_parser("passwd", help="set a user's password (ends their sessions)")
    pw.add_argument("username")
    pw.add_argument("--password-file", default=None, help="read the password from a file")
    add_data_option(pw)
    pw.set_defaults(func=_passwd)
    ls = user_sub.add_parser("list", help="list users")
    add_data_option(ls)
    ls.set_defaults(func=_list)
    un = user_sub.add_parser(
        "unlock", help="clear a user's login lock (after too many wrong passwords) / ロック解除"
    )
    un.add_argument("username")
    add_data_option(un)
    un.set_defaults(func=_unlock)


def read_password(path: str | None) -> str:
    """The password from --password-file, else asked twice on the terminal."""
    from appliance.cli import UserFacingError

    if path:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserFacingError("--password-file を指定してください / give --password-file")
    first = getpass.getpass("パスワード / password: ")
    if first != getpass.getpass("もう一度 / again: "):
        raise UserFacingError("一致しません / the two passwords differ")
    return first


def new_password(path: str | None) -> str:
    """A new password read as read_password does and held to the password rules."""
    from appliance.cli import UserFacingError
    from appliance.core.access.passwords import check_new_password
    from appliance.core.errors import InvalidInput

    password = read_password(path)
    try:
        check_new_password(password)
    except InvalidInput as exc:
        raise UserFacingError(str(exc)) from None
    return password


def _add(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store
    from appliance.core.access.passwords import hash_password
    from appliance.core.actor import Actor
    from appliance.core.errors import Conflict, InvalidInput
    from appliance.core.users import create_user

    password = new_password(args.password_file)
    store = open_store(args.data)
    try:
        store.executor.call(
            create_user,
            Actor.system("console"),
            args.username,
            role=args.role,
            display_name=args.display_name,
            password_hash=hash_password(password),
        )
    except (Conflict, InvalidInput) as exc:
        raise UserFacingError(str(exc)) from None
    finally:
        store.close()
    print(f"追加 / added: {args.username} ({args.role})")
    return 0


def set_user_password(username: str, password: str) -> bool:
    """Set one user's password, audited (db thread); False when there is no such user."""
    from appliance.core import audit
    from appliance.core.access.sessions import set_password
    from appliance.core.actor import Actor
    from appliance.core.text import clean
    from appliance.db.models import User, database_proxy, utcnow

    with database_proxy.atomic():
        user = User.get_or_none(User.username == clean(username).lower())
        if user is None:
            return False
        set_password(int(user.id), password, utcnow())
        audit.record(Actor.system("console"), "user", int(user.id), "password")
    return True


def _passwd(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store

    password = new_password(args.password_file)
    store = open_store(args.data)
    try:
        found = store.executor.call(set_user_password, args.username, password)
    finally:
        store.close()
    if not found:
        raise UserFacingError(f"そのユーザーはいません / no user {args.username!r}")
    print(f"パスワードを設定しました / password set: {args.username}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from appliance.cli.commands._data_common import open_store
    from appliance.db.models import User

    store = open_store(args.data)
    try:
        rows = store.executor.call(
            lambda: [
                (u.username, u.role.name, u.display_name, bool(u.hard_locked))
                for u in User.select()
            ]
        )
    finally:
        store.close()
    for name, role, display, locked in rows:
        mark = "\tロック中 / locked (ringdesk user unlock)" if locked else ""
        print(f"{name}\t{role}\t{display}{mark}")
    return 0


def unlock_user(username: str) -> bool:
    """Clear one user's login lock, audited (db thread); False when there is no such user."""
    from appliance.core import audit
    from appliance.core.access.sessions import admin_unlock
    from appliance.core.actor import Actor
    from appliance.core.text import clean
    from appliance.db.models import User, database_proxy

    with database_proxy.atomic():
        user = User.get_or_none(User.username == clean(username).lower())
        if user is None:
            return False
        admin_unlock(int(user.id))
        audit.record(Actor.system("console"), "user", int(user.id), "unlock")
    return True


def _unlock(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.cli.commands._data_common import open_store

    store = open_store(args.data)
    try:
        found = store.executor.call(unlock_user, args.username)
    finally:
        store.close()
    if not found:
        raise UserFacingError(f"そのユーザーはいません / no user {args.username!r}")
    print(f"ロックを解除しました / unlocked: {args.username}")
    return 0
