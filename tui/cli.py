"""`ringdesk desk`: the desk client (terminal UI, --headless lines, or --serve to a browser).

Loaded by appliance.cli through the `ringdesk.commands` entry point, so the box never imports us.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the desk subcommand."""
    p = sub.add_parser("desk", help="the desk: terminal UI, --headless or --serve / デスク")
    p.add_argument(
        "--data",
        metavar="DIR",
        default=None,
        help="desk data directory (default: $RINGDESK_DESK_DATA, then the platform's)",
    )
    p.add_argument("--box", metavar="HOST:PORT", default=None, help="the box's address")
    p.add_argument("--pair", metavar="CODE", default=None, help="pair with the 8-digit code")
    p.add_argument(
        "--desk-name",
        default=None,
        help="name of this desk when pairing (with --serve: the name the browser desk pairs as)",
    )
    p.add_argument("--user", default=None, help="log in as this user")
    p.add_argument(
        "--password-file",
        metavar="F",
        default=None,
        help="read the password from the first line of F",
    )
    p.add_argument("--headless", action="store_true", help="print pops/calls, one per line")
    p.add_argument("--json", action="store_true", help="with --headless: one JSON object a line")
    p.add_argument(
        "--max-events",
        type=int,
        default=0,
        help="with --headless: stop after this many events (0: run until Ctrl-C)",
    )
    p.add_argument("--lang", choices=("ja", "en"), default=None, help="language / 言語")
    p.add_argument("--serve", action="store_true", help="serve the desk to browsers (TLS, login)")
    p.add_argument("--serve-port", type=int, default=8765, help="port for --serve")
    p.add_argument(
        "--serve-sessions",
        type=int,
        default=4,
        metavar="N",
        help="with --serve: desk sessions (browser tabs) open at once, at most (each is a desk"
        " process)",
    )
    p.add_argument(
        "--host",
        "--serve-host",
        dest="serve_host",
        default="127.0.0.1",
        help="with --serve: the address to listen on (default 127.0.0.1, this PC only;"
        " 0.0.0.0 or the PC's LAN address lets other PCs open the desk)",
    )
    p.add_argument(
        "--no-remember",
        action="store_true",
        help="always ask for the login and keep no session (browser desks)",
    )
    p.add_argument(
        "--loopback", action="store_true", help="look for boxes on loopback only (demo, tests)"
    )
    p.add_argument(
        "--offline",
        metavar="QUERY",
        nargs="?",
        const="",
        default=None,
        help="show customers (name or number) from this desk's replica, read-only,"
        " as when the box is unreachable; asks for --user's password (from stdin"
        " when it is not a terminal) / 複製から読み取り専用で表示",
    )
    p.add_argument(
        "--replica-key-out",
        metavar="FILE",
        default=None,
        help="write the replica key (after the password, as --offline) to FILE for"
        " `ringdesk restore --from-replica --replica-key FILE` / 復元用に鍵を書き出す",
    )
    p.set_defaults(func=_run)


def _password(path: str | None) -> str | None:
    if path is None:
        return None
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return lines[0] if lines else ""


def _run(args: argparse.Namespace) -> int:
    from tui.client.errors import DeskError
    from tui.client.keystore import Keystore, default_data_dir
    from tui.i18n import set_language

    keystore = Keystore(Path(args.data) if args.data else default_data_dir())
    lang = args.lang or keystore.prefs().get("lang") or "ja"
    set_language("en" if lang == "en" else "ja")
    try:
        if args.offline is not None or args.replica_key_out is not None:
            from tui.replica.offline import export_key, run_offline

            password = _password(args.password_file)
            if args.replica_key_out is not None:
                return export_key(keystore, Path(args.replica_key_out), args.user, password)
            return run_offline(keystore, args.offline, args.user, password, as_json=args.json)
        if args.headless:
            return asyncio.run(_headless(keystore, args))
        if args.serve:
            from tui.serve import serve

            served: int = serve(keystore, args)
            return served
        from tui.app import run_desk

        code: int = run_desk(keystore, **_app_options(args))
        return code
    except DeskError as exc:
        print(f"ringdesk desk: {exc}", file=sys.stderr)
        return 1


def _app_options(args: argparse.Namespace) -> dict[str, Any]:
    from tui.serve_login import SESSION_ENV

    return {
        "box": args.box,
        "code": args.pair,
        "user": args.user,
        "password": _password(args.password_file),
        "desk_name": args.desk_name,
        "interfaces": ["127.0.0.1"] if args.loopback else None,
        "remember": not args.no_remember,
        # a browser page's login, handed over by `--serve` (never remembered)
        "session_token": os.environ.get(SESSION_ENV) if args.no_remember else None,
    }


async def _headless(keystore: Any, args: argparse.Namespace) -> int:
    from tui.client.session import Address, logged_in, paired_client
    from tui.desk_client import desk_client
    from tui.headless import print_events

    box = Address.parse(args.box) if args.box else None
    client = await paired_client(
        keystore,
        box=box,
        code=args.pair,
        desk_name=args.desk_name,
        interfaces=["127.0.0.1"] if args.loopback else None,
        client_factory=desk_client,
    )
    async with client:
        await logged_in(client, args.user, _password(args.password_file))
        from tui.i18n import both
        from tui.replica.offline import follow_replica

        notes = [client.replica_note] if client.replica_note else []
        key = await client.session_replica_key()
        wake = asyncio.Event()  # a `change` event: the replica pulls at once
        follower = None
        if key is None:  # a remembered token on a box without escrow: no key this session
            notes.append(both("replica_key.no_session_key"))
        else:
            follower = asyncio.create_task(follow_replica(keystore, client, wake, key=key))
        try:
            await print_events(
                client,
                as_json=args.json,
                max_events=args.max_events,
                on_event=lambda e: wake.set() if e.kind == "change" else None,
                notes=notes,
            )
        except (KeyboardInterrupt, asyncio.CancelledError):
            return 130
        finally:
            if follower is not None:
                follower.cancel()
    return 0
