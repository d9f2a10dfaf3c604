"""Call scripts a person writes for the emulator, and random calls for demos.

A script is plain text, one action per line (# starts a comment):

    rings 4                    rings per call from here on
    interval 6                 seconds between rings
    call 0312345678 ヤマダ タロウ   a call with a number and an optional name
    call P                     withheld (P), payphone (C), out of area (O/S), error (E)
    jp 09012345678 サトウ        a Number Display call (Japan mode on the modem)
    lines                      the following lines, up to "end", are sent as they are
    DATE=1203                  (any caller-ID output, e.g. a block of samples.txt)
    end
    wait 5                     seconds before the next action
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.modem.emulator.calls import DEFAULT_CALLER, CallerStep, dtmf, hangup, talk
from drivers.modem.emulator.runner import ModemEmulator

_REASONS = frozenset("POCSE")
_PREFIXES = ("03", "06", "045", "052", "011", "092", "090", "080", "070")
_NAMES = (
    "ヤマダ タロウ",
    "サトウ ハナコ",
    "スズキ イチロウ",
    "タナカ ショウテン",
    "SMITH JOHN",
    "GARCIA MARIA",
    None,
)


@dataclass(frozen=True)
class Action:
    """One script step: a call (with its settings) or a wait."""

    kind: str  # "call" or "wait"
    number: str | None = None
    name: str | None = None
    reason: str | None = None
    japan: bool = False
    lines: tuple[str, ...] = ()
    rings: int = 4
    interval_s: float = 6.0
    seconds: float = 0.0
    caller: tuple[CallerStep, ...] = field(default=DEFAULT_CALLER)


class ScriptError(ValueError):
    """A script line that cannot be understood; the message names the line."""


def parse_script(text: str) -> list[Action]:
    """Actions of a script; raises ScriptError (line number, English / Japanese) on bad input."""
    actions: list[Action] = []
    rings, interval = 4, 6.0
    literal: list[str] | None = None
    for no, raw in enumerate(text.splitlines(), 1):
        if literal is not None:
            if raw.strip() == "end":
                actions.append(
                    Action("call", lines=tuple(literal), rings=rings, interval_s=interval)
                )
                literal = None
            else:
                literal.append(raw.rstrip("\r\n"))
            continue
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("lines") else "lines"
        if not line:
            continue
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        try:
            if word == "rings":
                rings = int(rest)
            elif word == "interval":
                interval = float(rest)
            elif word == "wait":
                actions.append(Action("wait", seconds=float(rest)))
            elif word in ("call", "jp"):
                who, _, name = rest.partition(" ")
                if not who:
                    raise ValueError("a number or a reason letter is needed")
                reason = who.upper() if who.upper() in _REASONS else None
                actions.append(
                    Action(
                        "call",
                        None if reason else who,
                        name.strip() or None,
                        reason,
                        word == "jp",
                        rings=rings,
                        interval_s=interval,
                    )
                )
            elif word == "lines":
                literal = []
            else:
                raise ValueError(f"unknown action {word!r}")
        except ValueError as exc:
            raise ScriptError(f"line {no}: {exc} / {no}行目を解釈できません") from None
    if literal is not None:
        raise ScriptError("'lines' without 'end' / 'lines' に対応する 'end' がありません")
    return actions


def sample_calls(text: str, rings: int = 2, interval_s: float = 6.0) -> list[Action]:
    """One call per block of a samples.txt-style file, its lines sent as they are."""
    from drivers.modem.samples import blocks

    return [
        Action(
            "call",
            lines=tuple(ln for ln in lines if ln.strip() != "RING"),
            rings=rings,
            interval_s=interval_s,
        )
        for lines in blocks(text).values()
        if lines
    ]


def random_call(rng: random.Random) -> Action:
    """A plausible Japanese call: mostly numbers with names, sometimes withheld."""
    if rng.random() < 0.15:
        return Action("call", reason=rng.choice("PPOC"))
    prefix = rng.choice(_PREFIXES)
    total = 11 if prefix in ("090", "080", "070") else 10
    number = prefix + "".join(rng.choice("0123456789") for _ in range(total - len(prefix)))
    caller = (talk(rng.uniform(1, 4)), dtmf(rng.choice("123#")), hangup("busy"))
    return Action("call", number, rng.choice(_NAMES), caller=caller)


async def play(emulator: ModemEmulator, actions: list[Action], say: Callable[[str], None]) -> None:
    """Place each call of `actions` in turn, each after the previous one rang out."""
    for action in actions:
        if action.kind == "wait":
            await asyncio.sleep(action.seconds)
            continue
        emulator.place_call(
            action.number,
            action.name,
            reason=action.reason,
            rings=action.rings,
            ring_interval_s=action.interval_s,
            cid_after_ring=0 if action.japan else 1,
            lines=action.lines,
            japan=action.japan,
            caller=action.caller,
        )
        who = action.number or action.reason or " / ".join(action.lines[:3])
        say(f"call / 着信: {who} {action.name or ''}".rstrip())
        await asyncio.sleep(action.rings * action.interval_s + 1)
