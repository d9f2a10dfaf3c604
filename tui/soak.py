"""A desk driven at random against a real box while calls pop, counting what went wrong.

`python -m tui.soak` reads one JSON line on stdin (port, box certificate PEM, pairing code,
username, password, folder, pops, seconds, seed), pairs and logs in, prints `ready`, then works
the desk like an operator — screens and dialogs opened and closed, search and forms typed into,
pops claimed, handed off and dismissed, the language switched — until it has seen `pops` pops
or `seconds` passed, and prints one JSON line: pops, crashes, stray_actions, actions."""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import DeskApp, DeskOptions, build_app
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.dialogs.pop import PopDialog
from tui.guard import describe

SIZES = [(80, 24), (200, 50)]
QUERIES = ["やまだ", "山田太郎", "ヤマダ", "さとう", "佐藤", "090", "03-", "tanaka", "鈴木", "ｽｽﾞｷ"]
WORDS = ["配達は裏口から", "いつもの", "naka", "urgent call back", "辛さ控えめ", "123"]


@dataclass
class Soak:
    """The desk under test and what has been counted so far."""

    app: DeskApp
    pilot: Pilot[int]
    rng: random.Random
    pops: set[int] = field(default_factory=set)
    stray: int = 0
    typing: bool = False  # the soak is typing text into a field right now
    actions: Counter[str] = field(default_factory=Counter)
    harness_errors: list[str] = field(default_factory=list)

    async def type_text(self, text: str) -> None:
        """Type like a person into whatever has focus: a character at a time."""
        self.typing = True
        try:
            for ch in text:
                await self.pilot.press(ch)
                await asyncio.sleep(self.rng.uniform(0.03, 0.15))
        finally:
            self.typing = False

    async def keys(self, *keys: str) -> None:
        """Press keys with a person's pauses between them."""
        for k in keys:
            await self.pilot.press(k)
            await asyncio.sleep(self.rng.uniform(0.1, 0.4))


def _count_strays(soak: Soak) -> None:
    """A pop key's action that runs while the soak is typing text elsewhere is a stray."""
    app = soak.app
    for name in ("claim", "new_customer", "attach_call", "hand_off"):
        original: Callable[..., Any] = getattr(app, name)

        def counted(*args: Any, _original: Callable[..., Any] = original, **kw: Any) -> Any:
            if soak.typing:
                soak.stray += 1
            return _original(*args, **kw)

        setattr(app, name, counted)
    on_pop = app.state.on_pop

    def seen(pop: Any) -> Any:
        soak.pops.add(int(pop.call_id))
        return on_pop(pop)

    app.state.on_pop = seen  # type: ignore[method-assign]


async def _search(soak: Soak) -> None:
    await soak.keys("f2")
    await soak.type_text(soak.rng.choice(QUERIES))
    await asyncio.sleep(0.4)
    await soak.keys(soak.rng.choice(["enter", "escape", "down", "escape"]))


async def _screens(soak: Soak) -> None:
    await soak.keys(soak.rng.choice(["f4", "f5", "f6", "f3", "f1"]))
    await asyncio.sleep(0.3)
    await soak.keys("escape")


async def _pop(soak: Soak) -> None:
    if not isinstance(soak.app.screen, PopDialog):
        await soak.keys("f3")
    await asyncio.sleep(0.3)
    await soak.keys(soak.rng.choice(["c", "c", "h", "escape", "enter", "a", "n"]))
    await asyncio.sleep(0.3)


async def _type_into_a_field(soak: Soak) -> None:
    focused = soak.app.focused
    if isinstance(focused, Input):
        await soak.type_text(soak.rng.choice(WORDS))
    else:
        await _search(soak)


async def _card_work(soak: Soak) -> None:
    await soak.keys(soak.rng.choice(["ctrl+n", "ctrl+b", "ctrl+t", "ctrl+o"]))
    await asyncio.sleep(0.3)
    if isinstance(soak.app.focused, Input):
        await soak.type_text(soak.rng.choice(WORDS))
    await soak.keys("escape")


async def _home(soak: Soak) -> None:
    await soak.keys("f1")


async def _language(soak: Soak) -> None:
    await soak.keys("f7")


async def _resize(soak: Soak) -> None:
    await soak.pilot.resize_terminal(*soak.rng.choice(SIZES))


ACTIONS: list[tuple[str, Callable[[Soak], Awaitable[None]], int]] = [
    ("search", _search, 5),
    ("screens", _screens, 3),
    ("pop", _pop, 5),
    ("type", _type_into_a_field, 3),
    ("card", _card_work, 3),
    ("home", _home, 2),
    ("language", _language, 1),
    ("resize", _resize, 1),
]


async def soak(cfg: dict[str, Any]) -> dict[str, Any]:
    """Pair, log in, work the desk until enough pops; the figures."""
    keystore = Keystore(Path(cfg["folder"]))
    await pair(keystore, "127.0.0.1", int(cfg["port"]), str(cfg["code"]), desk_name="soak")
    options = DeskOptions(
        user=cfg["username"], password=cfg["password"], backoff_s=0.2, backoff_max_s=1.0
    )
    app = build_app(keystore, options, lang="ja")
    rng = random.Random(int(cfg.get("seed", 7)))
    async with app.run_test(size=SIZES[0]) as pilot:
        deadline = time.monotonic() + 60
        while not (app.state.user is not None and app.state.connected):
            if time.monotonic() > deadline:
                raise RuntimeError("the desk did not log in")
            await asyncio.sleep(0.05)
        state = Soak(app, pilot, rng)
        _count_strays(state)
        print("ready", flush=True)
        names = [a for a, _f, w in ACTIONS for _ in range(w)]
        table = {a: f for a, f, _w in ACTIONS}
        end = time.monotonic() + float(cfg["seconds"])
        while len(state.pops) < int(cfg["pops"]) and time.monotonic() < end:
            if not app.is_running:
                break
            name = rng.choice(names)
            state.actions[name] += 1
            try:
                await table[name](state)
            except Exception as exc:  # the harness's own trouble, not the desk's
                state.harness_errors.append(type(exc).__name__)
        crashes = len(app.errors) + (0 if app.is_running else 1)
        return {
            "pops": len(state.pops),
            "crashes": crashes,
            "stray_actions": state.stray,
            "actions": sum(state.actions.values()),
            "by_action": dict(state.actions),
            "errors": [describe(e) for e in app.errors],
            "harness_errors": state.harness_errors,
        }


def main() -> None:
    """Read the configuration line, soak, print the figures as one JSON line."""
    cfg = json.loads(sys.stdin.readline())
    print(json.dumps(asyncio.run(soak(cfg)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
