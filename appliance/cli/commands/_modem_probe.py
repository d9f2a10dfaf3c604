"""`ringdesk modem probe`: find the voice modems plugged in, identify each (AT identification
and caller-ID check, as the box does at start) and print the ringdesk.toml line for it."""

from __future__ import annotations

import argparse
import asyncio
import os
from dataclasses import dataclass

from appliance.cli import UserFacingError

SEARCHED = ("/dev/serial/by-id/*", "/dev/ttyACM*", "/dev/ttyUSB*", "/dev/ringdesk-modem*")


@dataclass(frozen=True)
class Found:
    """One device tried: its path, whether a modem answered, and what the box made of it."""

    path: str
    ok: bool
    detail: str


def add_probe(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `modem probe`."""
    p = verbs.add_parser("probe", help="find and identify modems / モデムを探して識別")
    p.add_argument("device", nargs="*", help="paths or globs (default: " + " ".join(SEARCHED) + ")")
    p.add_argument("--region", default="JP", help="JP enables Number Display where possible")
    p.add_argument("--wait", type=float, default=20.0, metavar="S", help="seconds per device")
    p.set_defaults(func=_probe)


def devices(patterns: list[str]) -> list[str]:
    """Each device once (a by-id link and its ttyACM node are one modem), stable names first."""
    from drivers.modem.transport import candidates

    out: list[str] = []
    seen: set[str] = set()
    for path in candidates(patterns):
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


async def identify(path: str, region: str, wait_s: float) -> Found:
    """Open `path` as the box would (chipset auto-detected) and report its first status."""
    from drivers.base import DeviceStatus
    from drivers.modem import ModemDriver

    driver = ModemDriver("probe", [path], chipset="auto", region=region)
    await driver.start()
    try:
        async with asyncio.timeout(wait_s):
            async for event in driver.events():
                if isinstance(event, DeviceStatus):
                    return Found(path, event.state == "connected", event.detail)
    except TimeoutError:
        pass
    finally:
        await driver.stop()
    return Found(path, False, f"{path}: no answer in {wait_s:g} s / 応答なし")


def _probe(args: argparse.Namespace) -> int:
    paths = devices(args.device or list(SEARCHED))
    if not paths:
        raise UserFacingError(
            "no serial device found: is the modem plugged in? / モデムが見つかりません"
        )

    async def run() -> list[Found]:
        return [await identify(path, args.region, args.wait) for path in paths]

    results = asyncio.run(run())
    modems = [r for r in results if r.ok]
    for r in results:
        mark = "modem" if r.ok else "no modem"
        print(f"{mark}: {r.detail}", flush=True)
    if not modems:
        raise UserFacingError("no modem answered / 応答したモデムはありません")
    print("\nringdesk.toml:")
    for n, r in enumerate(modems, start=1):
        print(f'[[lines]]\nname = "line{n}"\ndriver = "modem"\ndevice = "{r.path}"\n')
    return 0
