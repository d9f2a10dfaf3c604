"""`ringdesk modem emulate|watch|probe`: the voice-modem emulator on a pty, a modem's events,
or the modems plugged in."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from appliance.cli import UserFacingError
from appliance.cli.commands._modem_probe import add_probe

CHIPSETS = ("conexant", "usr5637", "agere", "silabs", "rockwell")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the modem subcommand."""
    p = sub.add_parser("modem", help="voice modem: emulator and event watcher / モデム")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    e = verbs.add_parser("emulate", help="run a modem emulator on a pty / モデムをエミュレート")
    e.add_argument("--chipset", choices=CHIPSETS, default="conexant")
    e.add_argument("--script", type=Path, help="call script (see drivers/modem/emulator/script.py)")
    e.add_argument(
        "--samples", type=Path, help="play each block of a samples.txt-style file as a call"
    )
    e.add_argument("--interval", type=float, default=6.0, help="seconds between rings")
    e.add_argument("--every", type=float, default=20.0, help="seconds between random calls")
    e.add_argument("--link-dir", type=Path, help="also publish the pty as DIR/ttyACM0")
    e.add_argument(
        "--unplug-every",
        type=float,
        default=0.0,
        help="unplug and replug (renumbered) every N seconds; 0: never",
    )
    e.set_defaults(func=_emulate)
    w = verbs.add_parser("watch", help="print a modem's line events / 回線イベントを表示")
    w.add_argument("device", nargs="+", help="path or glob, e.g. '/dev/ttyACM*' or a pty")
    w.add_argument("--chipset", default="auto", help="auto, or one of: " + ", ".join(CHIPSETS))
    w.add_argument("--region", default="JP", help="JP enables Number Display where possible")
    w.add_argument("--line", default="line1", help="line name in events")
    w.add_argument(
        "--auto-answer",
        type=int,
        default=None,
        metavar="RINGS",
        help="answer after RINGS rings and record a message",
    )
    w.set_defaults(func=_watch)
    add_probe(verbs)


def _run(coro: Coroutine[Any, Any, None]) -> int:
    try:
        asyncio.run(coro)
    except KeyboardInterrupt:
        return 130
    return 0


def _say(text: str) -> None:
    print(text, flush=True)


def _emulate(args: argparse.Namespace) -> int:
    from drivers.modem.emulator.script import ScriptError, parse_script, sample_calls

    if args.every <= 0 or args.interval <= 0:
        raise UserFacingError("--every and --interval must be positive / 正の数で指定してください")
    actions = None
    for source in (args.script, args.samples):
        if source is None:
            continue
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserFacingError(f"cannot read {source}: {exc} / 読めません") from None
        try:
            actions = (actions or []) + (
                parse_script(text)
                if source is args.script
                else sample_calls(text, interval_s=args.interval)
            )
        except ScriptError as exc:
            raise UserFacingError(f"{source}: {exc}") from None
    if args.link_dir is not None and not args.link_dir.is_dir():
        raise UserFacingError(f"--link-dir {args.link_dir} is not a directory / ディレクトリなし")
    return _run(_serve(args, actions))


async def _serve(args: argparse.Namespace, actions: list[Any] | None) -> None:
    import random

    from drivers.modem import ModemEmulator
    from drivers.modem.emulator.script import play, random_call

    emulator = ModemEmulator(args.chipset, link_dir=args.link_dir)
    path = await emulator.start()
    _say(f"{args.chipset} modem on {path} / モデム: {path}")
    tasks = []
    if args.unplug_every > 0:
        tasks.append(asyncio.create_task(_unplugging(emulator, args.unplug_every)))
    try:
        if actions is not None:
            await play(emulator, actions, _say)
            _say("script done; Ctrl-C to stop / スクリプト終了")
            await asyncio.Event().wait()
        rng = random.Random()
        while True:
            await asyncio.sleep(args.every)
            await play(emulator, [random_call(rng)], _say)
    finally:
        for task in tasks:
            task.cancel()
        await emulator.stop()


async def _unplugging(emulator: Any, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        await emulator.unplug()
        _say("unplugged / 抜去")
        await asyncio.sleep(1.0)
        _say(f"replugged on {await emulator.replug()} / 再接続")


def _watch(args: argparse.Namespace) -> int:
    from drivers.base import AudioFrame, LineEvent
    from drivers.modem import CHIPSETS as KNOWN
    from drivers.modem import ModemDriver

    if args.chipset != "auto" and args.chipset not in KNOWN:
        raise UserFacingError(
            f"unknown chipset {args.chipset!r} / 不明なチップセット "
            f"(auto, {', '.join(sorted(KNOWN))})"
        )
    driver = ModemDriver(
        args.line,
        args.device,
        chipset=args.chipset,
        region=args.region,
        auto_answer_rings=args.auto_answer,
    )

    def show(event: LineEvent) -> None:
        if isinstance(event, AudioFrame):
            _say(f"{event.at:%H:%M:%S.%f} AudioFrame {len(event.pcm)} bytes")
        else:
            _say(f"{event.at:%H:%M:%S.%f} {event!r}")

    async def watch() -> None:
        await driver.start()
        try:
            async for event in driver.events():
                show(event)
        finally:
            await driver.stop()

    return _run(watch())
