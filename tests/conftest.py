"""Fixtures every test gets: the box's code never blocks the event loop, and no thread outlives
its test."""

from __future__ import annotations

import inspect
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from blockbuster import BlockBuster

ROOT = Path(__file__).resolve().parent.parent
BOX_PACKAGES = ["appliance", "drivers", "firmware_bridge", "backups"]
BOX = [str(ROOT / name) for name in BOX_PACKAGES]
TESTS = str(ROOT / "tests")
ASYNC = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
# threads that outlive a test by design: the process-wide password pool, and the portal
# thread anyio's blocking portal (the API fuzzer's client) ends in its own time
PROCESS_THREADS = ("argon2", "asyncio-portal")
# tests of the box's code on its event loop; the device shells (drivers, bridges) open ports and
# ptys synchronously by design and are tested without the detector
GUARDED = [ROOT / "tests" / "appliance", ROOT / "tests" / "backups"]
# the modem emulator (a fake of the hardware, run by tests and the demo) makes its pty and
# its /dev-like link synchronously when it is plugged in
MAY_BLOCK = {
    ("drivers/modem/emulator/pty_port.py", "plug"),
    ("drivers/modem/emulator/pty_port.py", "unplug"),
}


def _called_by_a_test() -> bool:
    """The box's outermost frame on this stack is a plain function a test called directly
    (its set-up: making a vault, seeding a store), not code the loop runs for the box; or the
    call is one MAY_BLOCK names."""
    frame = sys._getframe(2)
    outermost = None
    while frame is not None:
        code = frame.f_code
        if code.co_filename.startswith(tuple(BOX)):
            outermost = frame
            where = code.co_filename[len(str(ROOT)) + 1 :]
            if (where, code.co_name) in MAY_BLOCK:
                return True
        frame = frame.f_back
    if outermost is None or outermost.f_back is None:
        return False
    caller = outermost.f_back.f_code.co_filename
    return caller.startswith(TESTS) and not outermost.f_code.co_flags & ASYNC


def _or_set_up(allowed: Callable[..., bool]) -> Callable[..., bool]:
    def check(*args: Any, **kwargs: Any) -> bool:
        return allowed(*args, **kwargs) or _called_by_a_test()

    return check


def _unguarded(request: pytest.FixtureRequest) -> bool:
    """Outside GUARDED (the desk's UI loop may touch its own small files; the box running in
    the same loop there is checked by the box's tests)."""
    return not any(Path(request.path).is_relative_to(folder) for folder in GUARDED)


@pytest.fixture(autouse=True)
def loop_never_blocks(request: pytest.FixtureRequest) -> Iterator[None]:
    """In an async test, a blocking call (file, socket, sleep, lock) that the box's code makes
    on the event loop fails the test; `@pytest.mark.blocking_ok(reason)` opts out."""
    if (
        not inspect.iscoroutinefunction(request.function)
        or _unguarded(request)
        or request.node.get_closest_marker("blocking_ok")
    ):
        yield
        return
    buster = BlockBuster(BOX_PACKAGES)
    for function in buster.functions.values():
        function.can_block_predicate = _or_set_up(function.can_block_predicate)
    buster.activate()
    try:
        yield
    finally:
        buster.deactivate()


@pytest.fixture(autouse=True)
def threads_end() -> Iterator[None]:
    """Threads a test started have ended (or end within 5 s) when it is over."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0
    while True:
        left = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not t.name.startswith(PROCESS_THREADS)
        ]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not left, f"threads outlived the test: {sorted(t.name for t in left)}"
