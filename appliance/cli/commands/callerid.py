"""`ringdesk callerid decode FILE.wav`: decode FSK caller ID from a recording."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from appliance.cli import UserFacingError

STANDARDS = ("auto", "class", "clip", "aclip")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the callerid subcommand."""
    p = sub.add_parser("callerid", help="caller-ID audio tools / 発信者番号の音声ツール")
    inner = p.add_subparsers(dest="callerid_cmd", required=True)
    d = inner.add_parser("decode", help="decode caller ID in a WAV file / WAVから発信者番号を復号")
    d.add_argument("file", type=Path)
    d.add_argument("--standard", choices=STANDARDS, default="auto")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=_decode)


def _decode(args: argparse.Namespace) -> int:
    from drivers.callerid.bellcore import render_expect, render_value
    from drivers.callerid.decoder import CallerIdDecoder
    from drivers.callerid.wavfile import read_wav

    try:
        pcm, rate = read_wav(args.file)
    except (OSError, EOFError, ValueError) as exc:
        raise UserFacingError(f"cannot read {args.file} / 読み込めません: {exc}") from exc
    if rate != 8000:
        raise UserFacingError(
            f"{args.file}: 8000 Hz WAV needed, got {rate} Hz / 8000 Hz が必要です"
        )
    found = CallerIdDecoder(args.standard).feed_pcm16(pcm)
    if args.json:
        doc = {
            "messages": [
                {
                    "standard": d.standard,
                    "offset_s": d.offset_s,
                    "type": f"0x{d.message.type:02X}",
                    "fields": [{"code": c, "value": render_value(v)} for c, v in d.message.fields],
                }
                for d in found
            ]
        }
        print(json.dumps(doc, ensure_ascii=False))
    else:
        for d in found:
            print(f"{d.offset_s:.2f}s {d.standard} {render_expect(d.message)}")
        if not found:
            print("no caller ID found / 発信者番号は見つかりません")
    return 0
