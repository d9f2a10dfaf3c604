"""The demo: a seeded box process on a pty modem emulator, calls placed on the emulated line,
and a desk process (the Textual app, or headless lines) in the foreground."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from appliance.demo.cast import DemoCall, call_stream
from appliance.printing.emulator.server import PrinterEmulator
from drivers.base import RING_TIMEOUT_S  # the demo's line sets none
from drivers.modem import ModemEmulator

DEMO_USER = "demo"
DEMO_PORT = 18443
RING_S = 3.0  # the emulated line's ring period


@dataclass
class DemoOptions:
    """What `ringdesk demo` was asked for."""

    data: Path
    customers: int = 2000
    lang: str = "ja"
    headless: bool = False
    calls: int = 0  # 0: keep calling until the desk closes
    gap_s: float = 12.0
    first_after_s: float = 12.0  # the desk pairs and logs in first
    port: int = DEMO_PORT
    printer_port: int = 0  # the printer emulator's, once it listens

    @property
    def printed(self) -> Path:
        """Where the demo's printer emulator saves each slip as a PNG."""
        return self.data / "printed"


def prepare(opts: DemoOptions) -> tuple[Path, str]:
    """The box's data dir (vault on the demo key file, seeded, a demo admin); the password."""
    from appliance.core.access.passwords import hash_password
    from appliance.core.actor import Actor
    from appliance.core.users import create_user
    from appliance.db.models import User
    from appliance.demo.seed import seed_if_empty
    from appliance.vault.session import demo_vault

    box = opts.data / "box"
    box.mkdir(parents=True, exist_ok=True, mode=0o700)
    pw_file = opts.data / "demo-password.txt"
    if not pw_file.exists():
        pw_file.write_text(f"ringdesk-{secrets.token_hex(4)}\n", encoding="utf-8")
        pw_file.chmod(0o600)
    password = pw_file.read_text(encoding="utf-8").strip()
    unlocked = demo_vault(box)
    store = unlocked.open_store(create=not unlocked.vault.database_path.exists())
    try:
        count = store.executor.call(seed_if_empty, opts.customers)
        if store.executor.call(lambda: User.get_or_none(User.username == DEMO_USER)) is None:
            store.executor.call(
                create_user,
                Actor.system("demo"),
                DEMO_USER,
                role="admin",
                display_name="デモ担当",
                password_hash=hash_password(password),
            )
    finally:
        store.close()
    (box / "ringdesk.toml").write_text(_toml(opts), encoding="utf-8")
    print(_banner(opts, count), flush=True)
    return box, password


def _toml(opts: DemoOptions) -> str:
    return (
        'name = "Ringdesk デモ"\nregion = "JP"\n'
        f'language = "{opts.lang}"\n\n'
        "[[lines]]\n"
        'name = "line1"\ndriver = "modem"\n'
        f'device = "{opts.data / "dev"}/ttyACM*"\n\n'
        f"[api]\nport = {opts.port}\n\n"
        "[[printers]]\n"
        'name = "demo"\nrole = "all"\nhost = "127.0.0.1"\n'
        f"port = {opts.printer_port}\npaper_mm = 80\n"
    )


def _banner(opts: DemoOptions, count: int) -> str:
    if opts.lang == "ja":
        return (
            f"Ringdesk デモ — {opts.data}（暗号化 SQLCipher、顧客 {count:,} 件、"
            "モデムエミュレータ）\nまもなく着信します。"
            "デスクを閉じると終了します。\n"
            "常連さんの着信で u を押すといつもの注文が入り、ctrl+s で確定します"
            "（注文ボードは F11 / Alt+O）。\n"
            f"伝票はプリンタエミュレータが {opts.printed} に PNG で保存します。"
        )
    return (
        f"Ringdesk demo — {opts.data} (encrypted SQLCipher, {count:,} customers, "
        "modem emulator)\nCalls start in a few seconds. Close the desk to stop.\n"
        "When a regular calls, u puts their usual order in and ctrl+s confirms it "
        "(the order board: F11 / Alt+O).\n"
        f"Slips go to the printer emulator, saved as PNGs in {opts.printed}"
    )


async def run(opts: DemoOptions) -> int:
    """Run the whole demo; returns the desk's exit code. SIGTERM stops it cleanly (the box
    and desk processes with it)."""
    main = asyncio.current_task()
    assert main is not None
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, main.cancel)
    try:
        return await _run(opts)
    except asyncio.CancelledError:
        return 143


async def _run(opts: DemoOptions) -> int:
    dev = opts.data / "dev"
    dev.mkdir(parents=True, exist_ok=True)
    for stale in dev.glob("ttyACM*"):
        stale.unlink()
    printer = PrinterEmulator(opts.printed, port=0)
    await printer.start()
    opts.printer_port = printer.port
    box_dir, password = await asyncio.to_thread(prepare, opts)
    emulator = ModemEmulator("conexant", link_dir=dev)
    await emulator.start()
    box = await _start_box(box_dir, opts)
    try:
        ready = json.loads((await box.stdout.readline()).decode()) if box.stdout else {}
        if not ready:
            raise RuntimeError(f"the demo box did not start; see {opts.data / 'box.log'}")
        desk = await _start_desk(opts, ready, password)
        echo = None
        if opts.headless and desk.stderr is not None:
            echo = await _until_connected(desk.stderr)  # calls begin once the desk listens
            opts.first_after_s = 0.5
        caller = asyncio.create_task(_place_calls(emulator, opts))
        code = await desk.wait()
        if echo is not None:
            await echo
        caller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await caller
        return code
    finally:
        if box.returncode is None:
            box.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(box.wait(), 15)
        await emulator.stop()
        await printer.stop()


async def _start_box(box_dir: Path, opts: DemoOptions) -> asyncio.subprocess.Process:
    log = (opts.data / "box.log").open("a", encoding="utf-8")
    ringdesk = str(Path(sys.executable).with_name("ringdesk"))
    # A pairing code only for a desk that has not paired yet (the box opens one by itself
    # while no desk is paired); an already paired demo desk just logs in again.
    pair = [] if (opts.data / "desk").exists() else ["--pair"]
    return await asyncio.create_subprocess_exec(
        ringdesk,
        "box",
        "--data",
        str(box_dir),
        "--port",
        str(opts.port),
        *pair,
        "--ready-json",
        "--host",
        "127.0.0.1",
        stdout=asyncio.subprocess.PIPE,
        stderr=log,
    )


async def _start_desk(
    opts: DemoOptions, ready: dict[str, object], password: str
) -> asyncio.subprocess.Process:
    pw = opts.data / "demo-password.txt"
    ringdesk = str(Path(sys.executable).with_name("ringdesk"))
    args = [
        ringdesk,
        "desk",
        "--data",
        str(opts.data / "desk"),
        "--box",
        f"127.0.0.1:{opts.port}",
        "--user",
        DEMO_USER,
        "--password-file",
        str(pw),
        "--lang",
        opts.lang,
        "--desk-name",
        "デモ受付",
    ]
    if ready.get("pairing_code"):
        args += ["--pair", str(ready["pairing_code"])]
    if not opts.headless:
        return await asyncio.create_subprocess_exec(*args, env={**os.environ})
    args += ["--headless"]
    if opts.calls:  # each unanswered call shows its pop and its end
        args += ["--max-events", str(2 * opts.calls)]
    return await asyncio.create_subprocess_exec(
        *args, env={**os.environ}, stderr=asyncio.subprocess.PIPE
    )


async def _until_connected(stderr: asyncio.StreamReader) -> asyncio.Task[None]:
    """Echo the headless desk's messages until it says it is listening; returns the task
    that keeps echoing them."""
    while line := await stderr.readline():
        sys.stderr.write(line.decode(errors="replace"))
        if b"waiting for events" in line:
            break
    return asyncio.create_task(_echo(stderr))


async def _echo(stderr: asyncio.StreamReader) -> None:
    while line := await stderr.readline():
        sys.stderr.write(line.decode(errors="replace"))


async def _place_calls(emulator: ModemEmulator, opts: DemoOptions) -> None:
    await asyncio.sleep(opts.first_after_s)
    placed = 0
    while opts.calls == 0 or placed < opts.calls:
        for call in call_stream(seed=placed):
            _ring(emulator, call)
            placed += 1
            if opts.calls and placed >= opts.calls:
                return
            # one line: this call rings out and times out before the next one rings
            await asyncio.sleep(opts.gap_s + (call.rings + 1) * RING_S + RING_TIMEOUT_S + 1.0)


def _ring(emulator: ModemEmulator, call: DemoCall) -> None:
    number = call.number.replace("+", "010") if call.number else None  # JP IDD prefix
    reason = call.reason.value if call.reason else None
    # NTT Number Display sends the number (or a reason) only; the card supplies the name
    emulator.place_call(
        number, None, reason=reason, rings=call.rings + 1, ring_interval_s=RING_S, japan=True
    )
