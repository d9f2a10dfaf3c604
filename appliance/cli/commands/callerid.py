"""`ringdesk callerid decode FILE.wav`: decode caller ID (any standard) from a recording."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from appliance.cli import UserFacingError

STANDARDS = ("auto", "class", "clip", "aclip", "jclip", "dtmf")


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
    from drivers.callerid.decoder import CallerIdDecoder
    from drivers.callerid.resample import to_8k
    from drivers.callerid.wavfile import read_wav

    try:
        pcm, rate = read_wav(args.file)
    except (OSError, EOFError, ValueError) as exc:
        raise UserFacingError(f"cannot read {args.file} / 読み込めません: {exc}") from exc
    decoder = CallerIdDecoder(args.standard)
    samples = to_8k(pcm, rate)
    found = decoder.feed(samples) + decoder.flush()
    if args.json:
        print(json.dumps({"messages": [d.as_json() for d in found]}, ensure_ascii=False))
        return 0
    for d in found:
        if d.errors:
            print(
                f"{d.offset_s:.2f}s {d.standard} caller ID received with errors (E) / "
                f"受信エラー: {d.raw}"
            )
        else:
            print(f"{d.offset_s:.2f}s {d.standard} {d.expect()}")
    if not found:
        print("no caller ID found / 発信者番号は見つかりません")
    return 0
