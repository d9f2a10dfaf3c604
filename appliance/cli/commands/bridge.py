"""`ringdesk bridge emulate|watch`: run a device emulator, or print a caller-ID device's events."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Coroutine
from typing import Any

from appliance.cli import UserFacingError

DEVICES = ("nd", "whozz", "linecard", "ncid")
WATCHABLE = ("nd", "ta", "whozz", "whozz-serial", "ncid", "linecard")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the bridge subcommand."""
    p = sub.add_parser("bridge", help="caller-ID devices with their own firmware / 外部機器")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    e = verbs.add_parser("emulate", help="emulate a device for testing / 機器をエミュレート")
    e.add_argument("device", choices=DEVICES)
    e.add_argument("--every", type=float, default=10.0, help="seconds between calls")
    e.add_argument("--parity-errors", type=float, default=0.0, help="nd: share of bad frames")
    e.add_argument("--host", default="127.0.0.1", help="whozz: target / ncid: listen address")
    e.add_argument("--port", type=int, default=None, help="UDP 3520 (whozz), TCP 3333 (ncid)")
    e.add_argument("--unit", type=int, default=1, help="whozz: unit number")
    e.add_argument("--lines", type=int, choices=(2, 4, 8), default=4, help="whozz: lines")
    e.add_argument("--speed", type=float, default=1.0, help="linecard: firmware clock speed-up")
    e.add_argument("--serial", action="store_true", help="whozz: a serial (TCI) unit on a pty")
    e.set_defaults(func=_emulate)
    w = verbs.add_parser("watch", help="print a device's line events / 回線イベントを表示")
    w.add_argument("device", choices=WATCHABLE)
    w.add_argument("--serial", help="serial port, e.g. /dev/ttyUSB0 or an emulator's pty")
    w.add_argument("--host", default="127.0.0.1", help="ncid server / whozz listen address")
    w.add_argument("--port", type=int, default=None, help="UDP 3520 (whozz), TCP 3333 (ncid)")
    w.add_argument("--line", default="line1", help="line name for serial devices")
    w.set_defaults(func=_watch)


def _run(coro: Coroutine[Any, Any, None]) -> int:
    try:
        asyncio.run(coro)
    except KeyboardInterrupt:
        return 130
    return 0


def _emulate(args: argparse.Namespace) -> int:
    from firmware_bridge import playback

    def say(text: str) -> None:
        print(text, flush=True)

    if args.every <= 0:
        raise UserFacingError("--every must be positive / --every は正の数で指定してください")
    if args.device == "nd":
        return _run(playback.emulate_nd(say, args.every, args.parity_errors))
    if args.device == "whozz":
        port = args.port or 3520
        return _run(
            playback.emulate_whozz(
                say, args.every, args.host, port, args.unit, args.lines, serial=args.serial
            )
        )
    if args.device == "linecard":
        return _run(playback.emulate_linecard(say, args.every, args.speed))
    return _run(playback.emulate_ncid(say, args.every, args.host, args.port or 3333))


def _watch(args: argparse.Namespace) -> int:
    from drivers.base import LineDriver, LineEvent
    from firmware_bridge import playback
    from firmware_bridge.linecard.driver import LineCardDriver
    from firmware_bridge.ncid.driver import NcidDriver
    from firmware_bridge.nd.driver import IsdnTaDriver, NdAdapterDriver
    from firmware_bridge.whozz.driver import WhozzSerialDriver, WhozzUdpDriver

    serial_kinds = {
        "nd": NdAdapterDriver,
        "ta": IsdnTaDriver,
        "whozz-serial": WhozzSerialDriver,
        "linecard": LineCardDriver,
    }
    driver: LineDriver
    if args.device in serial_kinds:
        if not args.serial:
            raise UserFacingError(
                f"{args.device} needs --serial PORT / {args.device} には --serial でポートを指定"
            )
        driver = serial_kinds[args.device](args.device, args.serial, args.line)
    elif args.device == "ncid":
        driver = NcidDriver(host=args.host, port=args.port or 3333)
    else:
        driver = WhozzUdpDriver(
            host=args.host if args.host != "127.0.0.1" else "0.0.0.0", port=args.port or 3520
        )

    def show(event: LineEvent) -> None:
        print(f"{event.at:%H:%M:%S.%f} {event!r}", flush=True)

    return _run(playback.watch(driver, show))
