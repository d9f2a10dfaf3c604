"""`ringdesk privacy export|erase CUSTOMER`: APPI requests about one person (by customer id)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli import UserFacingError
from appliance.cli.options import add_data_option

if TYPE_CHECKING:
    from appliance.core.actor import Actor


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the privacy subcommand."""
    p = sub.add_parser("privacy", help="APPI export / erasure of one person / 個人情報")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    e = verbs.add_parser("export", help="everything held about one customer (JSON) / 開示")
    add_data_option(e)
    e.add_argument("customer", type=int, help="customer id")
    e.add_argument("--out", metavar="FILE", help="write here instead of stdout (plain text!)")
    e.set_defaults(func=_export)
    d = verbs.add_parser("erase", help="delete or anonymise one customer / 削除")
    add_data_option(d)
    d.add_argument("customer", type=int, help="customer id")
    d.add_argument("--reason", default="APPI erasure request / 利用停止・消去の請求")
    d.add_argument("--yes", action="store_true", help="really erase (cannot be undone)")
    d.set_defaults(func=_erase)


def _store(args: argparse.Namespace) -> tuple[Any, Path]:
    from appliance.cli.context import open_store_for
    from appliance.paths import data_dir

    directory = data_dir(args.data, create=False)
    return open_store_for(directory), directory


def _not_found(customer: int) -> UserFacingError:
    return UserFacingError(f"顧客 {customer} はいません / no customer with id {customer}")


def _export(args: argparse.Namespace) -> int:
    from appliance.core.errors import NotFound
    from appliance.core.privacy import export_person

    store, directory = _store(args)
    out = Path(args.out) if args.out else None
    if out is not None and out.resolve().is_relative_to(directory.resolve()):
        store.close()
        raise UserFacingError(
            "開示ファイルは暗号化されないため、データディレクトリの外に書いてください / the export "
            f"is plain text: write it outside the data directory {directory}"
        )
    try:
        doc = store.executor.call(export_person, args.customer)
    except NotFound:
        raise _not_found(args.customer) from None
    finally:
        store.close()
    text = json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from appliance.vault.atomic import atomic_write

        atomic_write(out, text.encode())
        print(f"書き出しました / written: {out} (平文 / plain text: hand it over, then delete it)")
    return 0


def erase_with_recordings(actor: Actor, customer_id: int, reason: str, data_dir: Path) -> int:
    """Erase the customer (core use case), then their recording files and references."""
    from appliance.core import audit
    from appliance.core.privacy import erase_customer
    from appliance.db.models import Call

    calls = list(
        Call.select(Call.id, Call.recording_ref).where(
            (Call.customer == customer_id) & (Call.recording_ref != "")
        )
    )
    with Call._meta.database.atomic():
        redacted = erase_customer(actor, customer_id, reason)
        for call in calls:
            Call.update(recording_ref="").where(Call.id == call.id).execute()
            audit.record(actor, "call", int(call.id), "erase_recording", None, {"reason": reason})
    root = data_dir.resolve()
    for call in calls:
        file = (root / "recordings" / call.recording_ref).resolve()
        if file.is_relative_to(root) and file.is_file():
            file.unlink()
    return redacted


def _erase(args: argparse.Namespace) -> int:
    from appliance.core.actor import Actor
    from appliance.core.errors import NotFound

    if not args.yes:
        raise UserFacingError(
            "元に戻せません。--yes を付けて実行してください / erasure cannot be undone: "
            "run again with --yes"
        )
    store, directory = _store(args)
    actor = Actor.system("privacy erase (CLI)")
    try:
        redacted = store.executor.call(
            erase_with_recordings, actor, args.customer, args.reason, directory
        )
    except NotFound:
        raise _not_found(args.customer) from None
    finally:
        store.close()
    print(
        f"顧客 {args.customer} を消去しました / customer {args.customer} erased "
        f"({redacted} audit row(s) redacted)"
    )
    return 0
