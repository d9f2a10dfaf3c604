"""`ringdesk cards scan IMAGE [--json]`: read a business card photo or scan, offline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from appliance.cli import UserFacingError

LABELS = {
    "name": "氏名 / name",
    "reading": "フリガナ / reading",
    "company": "会社 / company",
    "department": "部署 / department",
    "title": "役職 / title",
    "postal_code": "郵便番号 / postal code",
    "address": "住所 / address",
    "email": "メール / e-mail",
    "url": "URL",
}
PHONE_LABELS = {"tel": "電話 / tel", "fax": "FAX / fax", "mobile": "携帯 / mobile"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the cards subcommand."""
    p = sub.add_parser("cards", help="business cards / 名刺")
    inner = p.add_subparsers(dest="cards_cmd", required=True)
    s = inner.add_parser("scan", help="read a card photo or scan / 名刺の画像を読み取る")
    s.add_argument("image", type=Path, help="JPEG, PNG, WebP or TIFF of one card")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=_scan)


def _scan(args: argparse.Namespace) -> int:
    from appliance.bizcard.ocr import OcrUnavailableError
    from appliance.bizcard.scan import NotAnImageError, scan_file

    try:
        result = scan_file(args.image)
    except OSError as exc:
        raise UserFacingError(f"cannot read {args.image} / 読み込めません: {exc.strerror}") from exc
    except NotAnImageError as exc:
        raise UserFacingError(f"{args.image}: {exc} / 画像として読めません") from exc
    except OcrUnavailableError as exc:
        raise UserFacingError(
            f"Tesseract is not installed / Tesseract がありません ({exc}); "
            "apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert"
        ) from exc
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    f = result.fields
    for key, label in LABELS.items():
        value = getattr(f, key)
        if value:
            print(f"{label:<24} {value}   ({result.confidence.get(key, 0):.0%})")
    for phone in f.phones:
        conf = result.confidence.get("phones", 0)
        print(f"{PHONE_LABELS[phone.kind]:<24} {phone.number}   ({conf:.0%})")
    if not any(getattr(f, k) for k in LABELS) and not f.phones:
        print("no card text found / 名刺の文字が見つかりません")
    return 0
