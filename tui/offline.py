"""The read-only desk: customers shown from the desk replica while the box is unreachable.

Edits are refused with a message (ReadOnlyError); the replica is never written from here."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any, TextIO

from tui.errors import DeskError
from tui.keystore import Keystore
from tui.replica import Replica, open_replica
from tui.replica_sync import Follower, Requester

BANNER = ("箱に接続できません: デスクの複製から読み取り専用で表示しています (最終同期 {synced}) / "
          "box unreachable: read-only from this desk's replica (last synced {synced})")  # fmt: skip
REFUSED = ("読み取り専用です: 箱に接続できないため変更できません (何も失われていません) / "
           "read-only: the box is unreachable, so this change cannot be made (nothing was lost)")
NO_REPLICA = ("このデスクにはまだ複製がありません (ログインして箱と同期してください) / "
              "this desk holds no replica yet (log in while the box is reachable)")


class ReadOnlyError(DeskError):
    """An edit asked of the read-only desk."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


def refuse_edit() -> None:
    """What every edit does while the desk reads from its replica."""
    raise ReadOnlyError


def replica_of(keystore: Keystore) -> Replica:
    """This desk's replica (created empty on first use)."""
    return open_replica(keystore.root, keystore.replica_key())


async def follow_replica(keystore: Keystore, box: Requester,
                         wake: asyncio.Event | None = None) -> None:  # fmt: skip
    """Keep this desk's replica in step with the box until cancelled; setting `wake` (on a
    `change` event) pulls at once."""
    replica = await asyncio.to_thread(replica_of, keystore)
    try:
        await Follower(box, replica, wake=wake).run()
    finally:
        await asyncio.to_thread(replica.close)


def card_lines(card: dict[str, Any]) -> list[str]:
    """A replica card as text lines: name, phones, emails, addresses, newest notes."""
    lines = [f"#{card['id']} {card.get('display_name', '')}"
             + (f" ({card['reading']})" if card.get("reading") else "")
             + (f"  {card['company']}" if card.get("company") else "")]  # fmt: skip
    lines += [f"  ☎ {p.get('national') or p.get('entered')} {p.get('label', '')}".rstrip()
              for p in card["phones"]]  # fmt: skip
    lines += [f"  ✉ {e.get('address')}" for e in card["emails"]]
    lines += [f"  〒{a.get('postal_code', '')} {a.get('prefecture', '')}{a.get('city', '')}"
              f"{a.get('line1', '')}" for a in card["addresses"]]  # fmt: skip
    lines += [f"  ✎ {str(n.get('body', ''))[:60]}" for n in card["notes"][:3]]
    return lines


def show_offline(keystore: Keystore, query: str, *, as_json: bool = False,
                 out: TextIO = sys.stdout) -> int:  # fmt: skip
    """Print the banner and the matching customers' cards from the replica; 1 with no replica."""
    if not keystore.paired:
        print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
        return 1
    replica = replica_of(keystore)
    try:
        if not replica.complete:
            print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
            return 1
        cards = [c for c in (replica.card(int(row["id"])) for row in replica.customers(query))
                 if c is not None]  # fmt: skip
        synced = replica.meta("synced_at", "?")
        if as_json:
            print(json.dumps({"read_only": True, "synced_at": synced, "seq": replica.seq,
                              "customers": cards}, ensure_ascii=False), file=out)  # fmt: skip
            return 0
        print(BANNER.format(synced=synced), file=out)
        for card in cards:
            print("\n".join(card_lines(card)), file=out)
        return 0
    finally:
        replica.close()
