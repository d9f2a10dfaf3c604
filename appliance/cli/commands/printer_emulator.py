"""`ringdesk printer-emulator`: a receipt printer on TCP that renders each job to a PNG."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from appliance.cli import UserFacingError

DEFAULT_OUT = Path("printed")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the printer-emulator subcommand."""
    p = sub.add_parser(
        "printer-emulator",
        help="a receipt printer on TCP saving each job as a PNG / プリンタエミュレータ",
    )
    p.add_argument("--port", type=int, default=9100, help="TCP port (default 9100)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"folder for the PNGs (default {DEFAULT_OUT})"
    )
    p.add_argument("--paper", type=int, choices=(58, 80), default=80, help="paper width in mm")
    p.add_argument("--paper-out", action="store_true", help="answer status queries as out of paper")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from appliance.printing.raster import paper_dots

    if not 0 <= args.port <= 65535:
        raise UserFacingError(f"--port {args.port} is not a TCP port / ポート番号が不正です")
    try:
        asyncio.run(_serve(args, paper_dots(args.paper)))
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        raise UserFacingError(f"cannot listen on {args.host}:{args.port}: {exc}") from None
    return 0


async def _serve(args: argparse.Namespace, width: int) -> None:
    from appliance.printing.emulator.page import PrintedJob
    from appliance.printing.emulator.server import PrinterEmulator

    def printed(job: PrintedJob, path: Path | None) -> None:
        print(f"printed {path} ({job.image.height} dots, {len(job.qr_codes)} QR)", flush=True)

    emulator = PrinterEmulator(
        args.out, host=args.host, port=args.port, width=width, paper_out=args.paper_out,
        on_job=printed,
    )  # fmt: skip
    await emulator.start()
    paper = " (out of paper)" if args.paper_out else ""
    print(f"printer on {args.host}:{emulator.port}{paper}; jobs go to {args.out}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()
