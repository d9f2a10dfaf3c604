"""One pop end to end on this machine's Python (run under qemu-user for the Pi's aarch64): the
demo's seeded box (without zeroconf, so another box on the LAN cannot clash) on the pty modem
emulator, and a headless desk that pairs, logs in and prints the pop of one regular's call.
Usage: pop_smoke.py DIR [PORT]; exit 0 when the desk printed the pop, with its text."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from appliance.demo.cast import call_stream
from appliance.demo.conductor import DEMO_USER, DemoOptions, prepare
from drivers.modem import ModemEmulator

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))


async def _lines_until(stream: asyncio.StreamReader, marker: bytes, wait_s: float) -> list[str]:
    seen: list[str] = []
    async with asyncio.timeout(wait_s):
        while line := await stream.readline():
            seen.append(line.decode(errors="replace").rstrip())
            if marker in line:
                return seen
    raise RuntimeError("stream ended: " + " | ".join(seen[-5:]))


async def smoke(data: Path, port: int) -> dict[str, object]:
    """Box, emulator and desk up; one call; what the desk printed and how long each step took."""
    t0 = time.monotonic()
    opts = DemoOptions(data=data, customers=200, port=port)
    box_dir, _password = await asyncio.to_thread(prepare, opts)
    (data / "dev").mkdir(exist_ok=True)
    emulator = ModemEmulator("conexant", link_dir=data / "dev")
    await emulator.start()
    t_seeded = time.monotonic()
    box = await asyncio.create_subprocess_exec(
        *(RINGDESK, "box", "--data", str(box_dir), "--port", str(port), "--pair"),
        *("--ready-json", "--no-discovery"),
        stdout=asyncio.subprocess.PIPE,
        stderr=(data / "box.log").open("w"),
    )
    desk = None
    try:
        assert box.stdout is not None
        ready = json.loads(await asyncio.wait_for(box.stdout.readline(), 600))
        t_box = time.monotonic()
        desk = await asyncio.create_subprocess_exec(
            *(RINGDESK, "desk", "--data", str(data / "desk"), "--box", f"127.0.0.1:{port}"),
            *("--user", DEMO_USER, "--password-file", str(data / "demo-password.txt")),
            *("--pair", str(ready["pairing_code"]), "--headless", "--max-events", "1"),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert desk.stderr is not None and desk.stdout is not None
        await _lines_until(desk.stderr, b"waiting for events", 600)
        t_desk = time.monotonic()
        call = next(c for c in call_stream(seed=0) if c.number and not c.reason)
        emulator.place_call(call.number, None, rings=3, ring_interval_s=1.0, japan=True)
        out, _ = await asyncio.wait_for(desk.communicate(), 600)
        return {
            "pop": out.decode(errors="replace").strip(),
            "seed_s": round(t_seeded - t0, 1),
            "box_start_s": round(t_box - t_seeded, 1),
            "desk_ready_s": round(t_desk - t_box, 1),
            "pop_s": round(time.monotonic() - t_desk, 1),
        }
    finally:
        for proc in (desk, box):
            if proc is not None and proc.returncode is None:
                proc.terminate()
                await proc.wait()
        await emulator.stop()


def main(argv: list[str]) -> int:
    """Run the smoke in DIR; print its figures as JSON."""
    data = Path(argv[0])
    data.mkdir(parents=True, exist_ok=True)
    result = asyncio.run(smoke(data, int(argv[1]) if len(argv) > 1 else 18444))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["pop"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
