"""The read-only desk: customers shown from the desk replica while the box is unreachable.

Edits are refused with a message (ReadOnlyError); the replica is never written from here."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from appliance.contract import address_text
from tui.client.errors import DeskError
from tui.client.keystore import Keystore, write_private
from tui.i18n import both
from tui.replica.keys import ReplicaKeyError, ReplicaKeys
from tui.replica.store import FILE, Replica, open_replica
from tui.replica.sync import Follower, Requester

BANNER = (
    "箱に接続できません: デスクの複製から読み取り専用で表示しています (最終同期 {synced}) / "
    "box unreachable: read-only from this desk's replica (last synced {synced})"
)
REFUSED = (
    "読み取り専用です: 箱に接続できないため変更できません (何も失われていません) / "
    "read-only: the box is unreachable, so this change cannot be made (nothing was lost)"
)
NO_REPLICA = (
    "このデスクにはまだ複製がありません (ログインして箱と同期してください) / "
    "this desk holds no replica yet (log in while the box is reachable)"
)
_ADDRESS_KEYS = ("country", "postal_code", "prefecture", "city", "line1", "line2")


class ReadOnlyError(DeskError):
    """An edit asked of the read-only desk."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


def refuse_edit() -> None:
    """What every edit does while the desk reads from its replica."""
    raise ReadOnlyError


def replica_of(keystore: Keystore, key: bytes) -> Replica:
    """This desk's replica under `key` (created empty on first use)."""
    return open_replica(keystore.root, key)


def session_key(keystore: Keystore, held: bytes | None) -> bytes | None:
    """The key a logged-in desk reads its replica with: the one its password login unwrapped,
    else the plain key of a desk not yet migrated, else None (a remembered-token session)."""
    return held if held is not None else ReplicaKeys(keystore).legacy_key()


async def follow_replica(
    keystore: Keystore, box: Requester, wake: asyncio.Event | None = None, *, key: bytes
) -> None:
    """Keep this desk's replica in step with the box until cancelled; setting `wake` (on a
    `change` event) pulls at once."""
    replica = await asyncio.to_thread(replica_of, keystore, key)
    try:
        await Follower(box, replica, wake=wake).run()
    finally:
        await asyncio.to_thread(replica.close)


def card_lines(card: dict[str, Any]) -> list[str]:
    """A replica card as text lines: name, phones, emails, addresses, newest notes."""
    lines = [
        f"#{card['id']} {card.get('display_name', '')}"
        + (f" ({card['reading']})" if card.get("reading") else "")
        + (f"  {card['company']}" if card.get("company") else "")
    ]
    lines += [
        f"  ☎ {p.get('national') or p.get('entered')} {p.get('label', '')}".rstrip()
        for p in card["phones"]
    ]
    lines += [f"  ✉ {e.get('address')}" for e in card["emails"]]
    lines += [
        "  ⌂ " + address_text(*(str(a.get(k) or "") for k in _ADDRESS_KEYS))
        for a in card["addresses"]
    ]
    lines += [f"  ✎ {str(n.get('body', ''))[:60]}" for n in card["notes"][:3]]
    return lines


def ask_credentials(
    user: str | None, default_user: str = "", *, stdin: TextIO | None = None
) -> tuple[str, str]:
    """(username, password): prompted on a terminal (getpass), else --user and the password
    as the first line of stdin (scripts, tests)."""
    source = stdin or sys.stdin
    if source.isatty():
        name = (
            user
            or input(
                f"{both('replica_key.prompt_user')}{f' [{default_user}]' if default_user else ''}: "
            ).strip()
        )
        name = name or default_user
        if not name:
            raise ReplicaKeyError(both("replica_key.user_needed"))
        return name, getpass.getpass(f"{both('replica_key.prompt_password')}: ")
    if not user:
        raise ReplicaKeyError(both("replica_key.user_needed"))
    return user, source.readline().rstrip("\r\n")


def offline_key(
    keystore: Keystore,
    user: str | None,
    password: str | None = None,
    *,
    stdin: TextIO | None = None,
) -> bytes:
    """The replica key for reading offline: asks for the user's password (ReplicaKeyError if
    it does not open it); a desk not yet migrated opens with its plain key, and says so."""
    keys = ReplicaKeys(keystore)
    legacy = keys.legacy_key()
    if legacy is not None and not keys.users():
        print(f"ringdesk desk: {both('replica_key.legacy')}", file=sys.stderr)
        return legacy
    if password is None:
        user, password = ask_credentials(user, keystore.prefs().get("username", ""), stdin=stdin)
    elif not user:
        raise ReplicaKeyError(both("replica_key.user_needed"))
    return keys.offline(user, password)


def has_replica(keystore: Keystore) -> bool:
    """True if this paired desk has a replica file at all (before asking for a password)."""
    return keystore.paired and (keystore.root / FILE).exists()


def run_offline(
    keystore: Keystore,
    query: str,
    user: str | None,
    password: str | None,
    *,
    as_json: bool = False,
    out: TextIO = sys.stdout,
    stdin: TextIO | None = None,
) -> int:
    """`ringdesk desk --offline`: ask for the password, then show_offline(); 1 if refused."""
    if not has_replica(keystore):
        print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
        return 1
    key = offline_key(keystore, user, password, stdin=stdin)
    return show_offline(keystore, query, key=key, as_json=as_json, out=out)


def export_key(
    keystore: Keystore,
    target: Path,
    user: str | None,
    password: str | None,
    *,
    stdin: TextIO | None = None,
) -> int:
    """`ringdesk desk --replica-key-out FILE`: the unwrapped key, 0600, for `ringdesk restore
    --from-replica ... --replica-key FILE` on a new box."""
    if not has_replica(keystore):
        print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
        return 1
    write_private(target, offline_key(keystore, user, password, stdin=stdin))
    print(both("replica_key.exported", path=target), file=sys.stderr)
    return 0


def show_offline(
    keystore: Keystore, query: str, *, key: bytes, as_json: bool = False, out: TextIO = sys.stdout
) -> int:
    """Print the banner and the matching customers' cards from the replica; 1 with no replica."""
    if not keystore.paired:
        print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
        return 1
    replica = replica_of(keystore, key)
    try:
        if not replica.complete:
            print(f"ringdesk desk: {NO_REPLICA}", file=sys.stderr)
            return 1
        cards = [
            c
            for c in (replica.card(int(row["id"])) for row in replica.customers(query))
            if c is not None
        ]
        synced = replica.meta("synced_at", "?")
        if as_json:
            print(
                json.dumps(
                    {
                        "read_only": True,
                        "synced_at": synced,
                        "seq": replica.seq,
                        "customers": cards,
                    },
                    ensure_ascii=False,
                ),
                file=out,
            )
            return 0
        print(BANNER.format(synced=synced), file=out)
        for card in cards:
            print("\n".join(card_lines(card)), file=out)
        return 0
    finally:
        replica.close()
