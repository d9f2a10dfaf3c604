"""`ringdesk box`: run the box (vault, database, lines, API, discovery) until stopped."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys

from appliance.cli.options import add_data_option
from appliance.contract.pairing import printed_code


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the box subcommand."""
    p = sub.add_parser("box", help="run the box / 本体を起動")
    add_data_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default loopback)")
    p.add_argument("--port", type=int, default=None, help="API port (default: ringdesk.toml)")
    p.add_argument("--no-discovery", action="store_true", help="do not advertise on the LAN")
    p.add_argument("--pair", action="store_true", help="open pairing at start and print the code")
    p.add_argument(
        "--ring-timeout",
        type=float,
        default=None,
        metavar="S",
        help="every line's ring timeout (default: each line's in ringdesk.toml)",
    )
    p.add_argument(
        "--ready-json",
        action="store_true",
        help="print one JSON line when ready (port, fingerprint, code)",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from appliance.cli import UserFacingError
    from appliance.config import ConfigError
    from appliance.journal import log_handler
    from appliance.logthrottle import throttle_logs
    from appliance.paths import data_dir
    from appliance.service import Box, BoxOptions
    from appliance.vault.errors import VaultError

    # force: a library may have configured the root logger at import (python-escpos does)
    logging.basicConfig(level=logging.INFO, handlers=[log_handler(sys.stderr)], force=True)
    logging.captureWarnings(True)  # a library's warning is a ranked journal line too
    throttle_logs()  # a flood of one failure (bad requests, refused connections) stays small
    options = BoxOptions(
        host=args.host,
        port=args.port,
        discovery=not args.no_discovery,
        ring_timeout_s=args.ring_timeout,
    )
    try:
        box = Box(data_dir(args.data), options)
        return asyncio.run(_serve(box, args.pair, args.ready_json))
    except (VaultError, ConfigError, OSError) as exc:
        raise UserFacingError(str(exc)) from None


def box_lines_said(box: object) -> list[str]:
    """One line per configured line saying plainly whether it is a real line or the simulator,
    and one for the backups."""
    from appliance.service import Box

    assert isinstance(box, Box)
    said = []
    for c in box.config.lines:
        if c.driver == "simulated":
            said.append(
                f"  {c.name}: シミュレーター (実際の着信はありません) / SIMULATED line "
                "(no real calls: set your line in ringdesk.toml)"
            )
        else:
            said.append(f"  {c.name}: {c.driver} {c.device or ''}".rstrip())
    target = box.config.backup_target
    minutes = round(box.config.backup_interval_s / 60)
    said.append(
        f"  バックアップ / backups: {target} ({minutes} 分ごと / every {minutes} min)"
        if target
        else "  バックアップ: 無効 / backups: OFF ([backup] in ringdesk.toml)"
    )
    return said


async def _serve(box: object, pair: bool, ready_json: bool) -> int:
    from appliance.service import Box

    assert isinstance(box, Box)
    await box.start()
    assert box.server is not None and box.state.pairing is not None
    first_desk = not box.pins.items()
    code = box.state.pairing.open() if pair or first_desk else None
    ready = {
        "port": box.server.port,
        "fingerprint": box.identity.fingerprint,
        "locked": box.locked,
        "pairing_code": code,
    }
    if ready_json:
        print(json.dumps(ready), flush=True)
    else:
        state = "施錠中 / locked" if box.locked else "解錠 / unlocked"
        print(f"Ringdesk box on https://{box.options.host}:{box.server.port} ({state})")
        print(f"  fingerprint {box.identity.fingerprint}")
        for line in box_lines_said(box):
            print(line)
        if box.locked:
            print(
                "  ロック中: 回復コード (ringdesk unlock)、鍵ファイルかペア済みデスクで解錠 / "
                "locked: unlock with the recovery code (ringdesk unlock), a key file or a "
                "paired desk"
            )
        if code:
            print(f"  ペアリングコード / pairing code: {printed_code(code)} (5 分 / 5 minutes)")
        sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await box.stop()
    return 0
