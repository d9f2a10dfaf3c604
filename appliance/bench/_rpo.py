"""rpo_s: a real box, a real `ringdesk desk --headless` following the change stream, a writer
committing notes continuously; the box is SIGKILLed mid-stream and the box's database is
compared with the desk's replica: rpo_s is the span of committed work the replica lacks."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from appliance.bench._desk_swarm import _http, login, open_pairing, pair
from appliance.bench._popkit import BENCH_PASSWORD, BENCH_USER, prepare_box, stop_process
from appliance.contract.tls import client_context

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))
NOTES = (
    "折り返し希望、午後なら在宅",
    "Asked for the spring catalogue",
    "配送先を会社に変更",
    "Prefers email after 6 pm",
    "前回の注文の件で確認済み",
)


def _export_key(desk_dir: Path, key: Path, password_file: Path) -> bool:
    """The desk keeps its replica key wrapped under the user's password: have it write the
    key out (as an operator would for a restore) once its login has wrapped it."""
    if key.exists():
        return True
    if not (desk_dir / "replica.db").exists() or not (desk_dir / "replica-keys.json").exists():
        return False
    done = subprocess.run(
        [
            RINGDESK,
            "desk",
            "--data",
            str(desk_dir),
            "--replica-key-out",
            str(key),
            "--user",
            BENCH_USER,
            "--password-file",
            str(password_file),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode == 0 and key.exists()


def _replica_state(desk_dir: Path, key: Path) -> tuple[bool, int, str]:
    """(first copy done, seq, box time of that seq) of the desk's replica, read with `key`."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from backups import sqlfile

    path = desk_dir / "replica.db"
    if not path.exists() or not key.exists():
        return False, 0, ""
    try:
        conn = sqlfile.connect(path, key.read_bytes())
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlcipher.DatabaseError:
        return False, 0, ""  # being created this very moment
    return meta.get("complete") == "1", int(meta.get("seq", "0")), str(meta.get("seq_at", ""))


def _box_audit(data: Path) -> list[tuple[int, dt.datetime]]:
    """(seq, time) of every committed audit row in the killed box's database."""
    from appliance.db.models import AuditLog
    from appliance.vault.session import demo_vault

    store = demo_vault(data).open_store()
    try:
        rows = AuditLog.select(AuditLog.id, AuditLog.at).order_by(AuditLog.id)
        return store.executor.call(lambda: [(int(r.id), r.at) for r in rows])
    finally:
        store.close()


async def _write(
    port: int, cert: bytes, ident: Any, token: str, customers: int, stop: asyncio.Event
) -> int:
    """Commit notes one after another until the box dies; returns how many were acknowledged."""
    acked = 0
    async with _http(port, client_context(ident, cert), token) as http:
        while not stop.is_set():
            body = {"body": f"{NOTES[acked % len(NOTES)]} #{acked}", "time_spent_s": 30}
            try:
                r = await http.post(f"/customers/{acked % customers + 1}/notes", json=body)
            except Exception:  # the box was killed: any transport error at all
                return acked
            if r.status_code == 201:
                acked += 1
            await asyncio.sleep(0.02)
    return acked


async def _writer(port: int, fingerprint: str, code: str, cert: bytes) -> tuple[Any, str, str]:
    """Pair and log in the writer (an admin); returns its identity, token and a pairing code
    for the desk."""
    ident = await pair(port, fingerprint, code, "writer")
    token = await login(port, cert, ident, BENCH_USER, BENCH_PASSWORD)
    return ident, token, await open_pairing(port, cert, ident, token)


async def _stream_then_kill(
    port: int,
    cert: bytes,
    ident: Any,
    token: str,
    customers: int,
    stream_s: float,
    box: subprocess.Popen[str],
) -> int:
    """Write for stream_s, SIGKILL the box while the writer is still committing."""
    stop = asyncio.Event()
    writer = asyncio.create_task(_write(port, cert, ident, token, customers, stop))
    await asyncio.sleep(stream_s)
    box.send_signal(signal.SIGKILL)
    stop.set()
    return await writer


def measure_rpo(work: Path, *, stream_s: float = 10.0, customers: int = 200) -> dict[str, Any]:
    """Run the kill-mid-stream drill in `work`; rpo_s and what it counted."""
    with contextlib.suppress(FileExistsError):
        work.mkdir(parents=True)
    data, desk_dir, key = work / "box", work / "desk", work / "replica-key"
    prepare_box(data, customers, customers * 5, [])
    pw = work / "password"
    pw.write_text(BENCH_PASSWORD + "\n", encoding="utf-8")
    log = (work / "box.log").open("w", encoding="utf-8")
    box = subprocess.Popen(
        [RINGDESK, "box", "--data", str(data), "--port", "0", "--ready-json", "--no-discovery"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    desk: subprocess.Popen[str] | None = None
    try:
        assert box.stdout is not None
        ready = json.loads(box.stdout.readline() or "{}")
        if "port" not in ready:
            raise RuntimeError("box did not start: " + (work / "box.log").read_text())
        port, cert = int(ready["port"]), (data / "box-cert.pem").read_bytes()
        ident, token, code = asyncio.run(
            _writer(port, ready["fingerprint"], ready["pairing_code"], cert)
        )
        desk = subprocess.Popen(
            [
                RINGDESK,
                "desk",
                "--headless",
                "--data",
                str(desk_dir),
                "--box",
                f"127.0.0.1:{port}",
                "--pair",
                code,
                "--desk-name",
                "受付",
                "--user",
                BENCH_USER,
                "--password-file",
                str(pw),
                "--lang",
                "en",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            env={**os.environ},
        )
        t0 = time.monotonic()
        while not (_export_key(desk_dir, key, pw) and _replica_state(desk_dir, key)[0]):
            if time.monotonic() - t0 > 300 or desk.poll() is not None:
                raise RuntimeError(
                    "the desk never finished its first copy: "
                    + (work / "box.log").read_text()[-2000:]
                )
            time.sleep(0.2)
        acked = asyncio.run(_stream_then_kill(port, cert, ident, token, customers, stream_s, box))
        box.wait()
        time.sleep(3.0)  # whatever the desk still had in flight lands (or fails)
    finally:
        stop_process(desk)
        stop_process(box)
        log.close()
    _done, replica_seq, _at = _replica_state(desk_dir, key)
    audit = _box_audit(data)
    lacking = [(seq, at) for seq, at in audit if seq > replica_seq]
    held = [at for seq, at in audit if seq <= replica_seq]
    # The work lost: from the newest change the replica holds to the newest the box committed.
    rpo = (lacking[-1][1] - held[-1]).total_seconds() if lacking and held else 0.0
    return {
        "rpo_s": round(max(rpo, 0.0), 2),
        "rpo_lost_changes": len(lacking),
        "rpo_committed_changes": len(audit),
        "rpo_notes_acked": acked,
        "rpo_stream_s": stream_s,
        "rpo_replica_seq": replica_seq,
    }
