"""No plaintext personal data on disk: plant canaries, take a call while locked, unlock,
merge, then search every byte of every file under the data directory."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.core.actor import Actor
from appliance.core.customers import create_customer
from appliance.core.notes import add_note
from appliance.db.models import Call
from appliance.vault.inbox import InboxWriter, pending_records
from appliance.vault.inbox_handlers import call_payload
from appliance.vault.vault import Vault

NAME = "瑠璃川カナリア"
KANA = "ルリカワ カナリア"
NUMBER = "+81 90-0000-4242"
EMAIL = "ruri.canary4242@example.jp"
NOTE = "カナリア様は毎週火曜に青い小鳥の餌を注文"
CANARIES = [
    NAME,
    KANA,
    "ルリカワ",
    "瑠璃川",
    EMAIL,
    NOTE,
    "09000004242",
    "9000004242",
    "+819000004242",
    "090-0000-4242",
    "カナリア",
]
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "shift_jis", "cp932", "euc_jp")
FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]


def _needles() -> list[tuple[str, str, bytes]]:
    out = []
    for text in CANARIES:
        for enc in ENCODINGS:
            try:
                out.append((text, enc, text.encode(enc)))
            except UnicodeEncodeError:
                continue
    return out


def _scan(root: Path) -> list[str]:
    hits = []
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for text, enc, raw in _needles():
            if raw in data:
                hits.append(f"{path.name}: {text!r} in {enc}")
    return hits


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    """Every log record of the run also goes to a file inside the data directory."""
    data = tmp_path / "box"
    (data / "logs").mkdir(parents=True)
    handler = logging.FileHandler(data / "logs" / "ringdesk.log", encoding="utf-8")
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield data
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        handler.close()


def test_canaries_never_reach_the_disk(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = logged
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    store = open_store_for(data)
    actor = Actor(user_id=None, desk_id=None, name="受付")

    def seed() -> int:
        customer = create_customer(actor, NAME, phones=[NUMBER], emails=[EMAIL], reading=KANA)
        add_note(actor, int(customer.id), NOTE)
        return int(customer.id)

    customer_id = store.executor.call(seed)
    assert _scan(data) == []  # the open database and its WAL, mid-session
    store.close()

    # The box reboots locked: the call goes to the sealed inbox with the public key only.
    vault = Vault(data)
    writer = InboxWriter(vault.inbox_path, vault.inbox_public_key())
    writer.append(
        "call",
        call_payload(
            "line1", number="09000004242", caller_name=KANA, raw_cid=f"NMBR=09000004242 NAME={KANA}"
        ),
    )
    assert pending_records(vault.inbox_path) == 1
    assert _scan(data) == []

    store = open_store_for(data)  # unlock by the key file, merge the inbox
    assert not vault.inbox_path.exists()
    calls = store.executor.call(lambda: list(Call.select(Call.customer, Call.caller_name).tuples()))
    assert calls == [(customer_id, KANA)]
    assert _scan(data) == []
    store.close()

    capsys.readouterr()
    assert main(["privacy", "export", str(customer_id), "--data", str(data)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["customer"]["display_name"] == NAME
    assert exported["call"][0]["caller_name"] == KANA
    assert _scan(data) == []
    assert (data / "logs" / "ringdesk.log").stat().st_size > 0  # the vault did log its steps
