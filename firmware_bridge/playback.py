"""Long-running emulators and event watchers for a person at a terminal (`ringdesk bridge ...`)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable

from drivers.base import LineDriver, LineEvent
from firmware_bridge.linecard.emulator import LineCardEmulator
from firmware_bridge.ncid.emulator import NcidServerEmulator
from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body
from firmware_bridge.whozz.emulator import (
    EmulatedCall,
    WhozzSerialEmulator,
    WhozzUnitEmulator,
)

Say = Callable[[str], None]
_PREFIXES = ("03", "06", "090", "080", "045", "052", "011", "092")
_NAMES = ("ヤマダ タロウ", "サトウ ハナコ", "Suzuki Ichiro", "Tanaka Co.", "Smith John")


def random_number(rng: random.Random) -> str:
    """A plausible Japanese number (10 or 11 digits)."""
    prefix = rng.choice(_PREFIXES)
    total = 11 if prefix in ("090", "080") else 10
    return prefix + "".join(rng.choice("0123456789") for _ in range(total - len(prefix)))


async def emulate_nd(say: Say, every_s: float, parity_errors: float) -> None:
    """Serve an ND adapter on a pty and send a call every `every_s` seconds."""
    emulator = NdAdapterEmulator(parity_error_rate=parity_errors)
    await emulator.start()
    say(f"ND adapter on {emulator.path} (9600 baud) / ナンバー・ディスプレイ: {emulator.path}")
    rng = random.Random()
    try:
        while True:
            await asyncio.sleep(every_s)
            who = rng.choice([random_number(rng)] * 4 + ["P", "O", "C"])
            emulator.queue(frame_body(11, 22, 0, 19, rng.randrange(60), who))
            say(f"call / 着信: {who}")
    finally:
        await emulator.stop()


async def emulate_whozz(
    say: Say, every_s: float, host: str, port: int, unit: int, lines: int, serial: bool = False
) -> None:
    """Send Whozz Calling records (UDP packets, or TCI text on a pty) every `every_s` seconds."""
    emulator: WhozzUnitEmulator | WhozzSerialEmulator
    if serial:
        emulator = WhozzSerialEmulator()
        say(f"Whozz Calling serial unit on {emulator.path} / シリアル: {emulator.path}")
    else:
        emulator = WhozzUnitEmulator(unit, 0x848884 + unit, host, port)
        say(f"Whozz Calling unit {unit} ({lines} lines) sending to {host}:{port} / 送信先")
    rng = random.Random()
    try:
        while True:
            await asyncio.sleep(every_s)
            call = EmulatedCall(
                rng.randrange(1, lines + 1),
                random_number(rng),
                rng.choice(_NAMES),
                inbound=rng.random() < 0.8,
                answered=rng.random() < 0.7,
            )
            say(f"call / 着信: line {call.line} {call.number} {call.name}")
            await emulator.play(call, gap_s=0.5)
    finally:
        emulator.close()


async def emulate_linecard(say: Say, every_s: float, speed: float) -> None:
    """Serve the line card on a pty and place a Number Display call every `every_s` seconds."""
    card = LineCardEmulator(speed=speed)
    await card.start()
    say(f"line card on {card.path} / ラインカード: {card.path}")
    rng = random.Random()
    try:
        while True:
            await asyncio.sleep(every_s)
            number = rng.choice([random_number(rng), None])
            card.place_call(number, None if number else rng.choice("POCS"), rings=3)
            say(f"call / 着信: {number or 'withheld / 非通知'}")
    finally:
        await card.stop()


async def emulate_ncid(say: Say, every_s: float, host: str, port: int) -> None:
    """Run a small NCID server that announces a call every `every_s` seconds."""
    server = NcidServerEmulator(host, port)
    await server.start()
    say(f"NCID server on {host}:{server.port} / NCIDサーバ")
    rng = random.Random()
    try:
        while True:
            await asyncio.sleep(every_s)
            number = random_number(rng)
            line = "*DATE*11222026*TIME*1920*LINE*POTS*NMBR*{}*MESG*NONE*NAME*{}*"
            await server.broadcast("CID: " + line.format(number, rng.choice(_NAMES)))
            say(f"call / 着信: {number}")
    finally:
        await server.stop()


async def watch(driver: LineDriver, show: Callable[[LineEvent], None]) -> None:
    """Start a driver and show each event until cancelled."""
    await driver.start()
    try:
        async for event in driver.events():
            show(event)
    finally:
        await driver.stop()
