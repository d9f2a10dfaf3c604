"""The desk replica's key at rest is wrapped under each user's password (real box API over TLS,
real SQLCipher replica, real keystore directory): the disk alone opens nothing, the right
password opens it, a wrong one is refused with one message, old plain-key desks migrate at
login, two users both open it, a reset password re-wraps, and logout forgets the key."""

from __future__ import annotations

import asyncio
import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tui.conftest import PASSWORD, Box
from tui.client.box_client import BoxClient
from tui.client.keystore import Keystore, write_private
from tui.client.pairing import pair
from tui.desk_client import desk_client
from tui.replica.keys import LEGACY, ReplicaKeyError, ReplicaKeys
from tui.replica.offline import replica_of, run_offline
from tui.replica.store import Replica, ReplicaError
from tui.replica.sync import pull

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))
NEW_PASSWORD = "kamakura-daibutsu-12"


async def _paired(box: Box, keystore: Keystore) -> None:
    await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")


async def _login_and_copy(keystore: Keystore, user: str, password: str = PASSWORD) -> bytes:
    """An online login that fills the replica; the key it held in memory."""
    async with desk_client(keystore) as api:
        await api.login(user, password)
        assert api.replica_key is not None, api.replica_note
        replica = replica_of(keystore, api.replica_key)
        try:
            await pull(api, replica)
            assert replica.complete
        finally:
            replica.close()
        key = api.replica_key
        await api.end_session()
        assert api.replica_key is None  # logout forgets it
        return key


def _offline(keystore: Keystore, user: str, password: str) -> str:
    out = io.StringIO()
    assert run_offline(keystore, "", user, password, out=out) == 0
    return out.getvalue()


def _every_file(root: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


async def test_the_disk_holds_no_key_and_only_the_password_opens_the_replica(
    box: Box, keystore: Keystore
) -> None:
    await _paired(box, keystore)
    key = await _login_and_copy(keystore, "tanaka")
    disk = _every_file(keystore.root)
    for form in (key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key)):
        assert form not in disk  # no file holds the 32 key bytes anywhere, in any usual form
    assert not (keystore.root / LEGACY).exists()
    assert "tanaka" in ReplicaKeys(keystore).users()

    shown = _offline(keystore, "tanaka", PASSWORD)
    assert "read-only" in shown and "読み取り専用" in shown

    out = io.StringIO()
    with pytest.raises(ReplicaKeyError) as wrong:
        run_offline(keystore, "", "tanaka", "shinjuku-gyoen-8", out=out)
    assert str(wrong.value) == (
        "パスワードが違います: 複製は開きません / wrong password: the replica stays closed"
    )
    assert out.getvalue() == ""
    with pytest.raises(ReplicaKeyError, match="never logged in at this desk"):
        run_offline(keystore, "", "suzuki", PASSWORD, out=out)
    assert out.getvalue() == ""


async def test_the_offline_command_reads_the_password_from_stdin(
    box: Box, keystore: Keystore
) -> None:
    await _paired(box, keystore)
    await _login_and_copy(keystore, "tanaka")
    command = [
        RINGDESK,
        "desk",
        "--data",
        str(keystore.root),
        "--offline",
        "--user",
        "tanaka",
        "--lang",
        "en",
    ]
    env = {**os.environ, "RINGDESK_DESK_DATA": str(keystore.root)}

    def run(password: str) -> subprocess.CompletedProcess[str]:  # stdin is a pipe, not a TTY
        return subprocess.run(
            command, input=password + "\n", capture_output=True, text=True, env=env
        )

    right = await asyncio.to_thread(run, PASSWORD)
    assert right.returncode == 0, right.stderr
    assert "box unreachable: read-only from this desk's replica (last synced" in right.stdout
    wrong = await asyncio.to_thread(run, "not-her-password")
    assert wrong.returncode == 1
    assert wrong.stdout == ""
    assert "wrong password: the replica stays closed" in wrong.stderr
    assert "パスワードが違います" in wrong.stderr


async def test_a_plain_key_desk_keeps_working_then_is_wrapped_at_login(
    box: Box, keystore: Keystore, capsys: pytest.CaptureFixture[str]
) -> None:
    await _paired(box, keystore)
    old = os.urandom(32)
    write_private(keystore.root / LEGACY, old)  # a desk from before wrapping
    replica = Replica(keystore.root / "replica.db", old)
    replica.finish_copy(0)
    replica.close()
    assert run_offline(keystore, "", None, None, out=io.StringIO()) == 0  # as before ...
    assert "not yet protected" in capsys.readouterr().err  # ... but it says so

    async with desk_client(keystore) as api:
        await api.login("tanaka", PASSWORD)
        assert api.replica_key == old  # the same replica, now wrapped
        assert "plain key file was erased" in api.replica_note
    assert not (keystore.root / LEGACY).exists()
    assert old not in _every_file(keystore.root)
    assert "read-only" in _offline(keystore, "tanaka", PASSWORD)


async def test_two_users_each_open_it_and_a_reset_password_rewraps(
    box: Box, keystore: Keystore
) -> None:
    await _paired(box, keystore)
    key = await _login_and_copy(keystore, "tanaka")
    assert await _login_and_copy(keystore, "smith") == key  # the box's escrow, no new copy
    assert ReplicaKeys(keystore).users() == ["smith", "tanaka"]
    assert "read-only" in _offline(keystore, "tanaka", PASSWORD)
    assert "read-only" in _offline(keystore, "smith", PASSWORD)

    def reset() -> None:  # what `ringdesk user passwd tanaka` does on the box
        from appliance.core.access.sessions import set_password
        from appliance.db.models import User, utcnow

        set_password(int(User.get(User.username == "tanaka").id), NEW_PASSWORD, utcnow())

    await box.store.executor.run(reset)
    assert await _login_and_copy(keystore, "tanaka", NEW_PASSWORD) == key
    assert "read-only" in _offline(keystore, "tanaka", NEW_PASSWORD)
    with pytest.raises(ReplicaKeyError, match="wrong password"):
        _offline(keystore, "tanaka", PASSWORD)  # the old wrap was replaced
    assert "read-only" in _offline(keystore, "smith", PASSWORD)


async def test_without_the_escrow_a_new_user_gets_a_new_replica(
    box: Box, keystore: Keystore, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def older_box(_self: BoxClient) -> bytes | None:
        return None  # a box from before GET /desk/replica-secret

    monkeypatch.setattr(BoxClient, "replica_escrow", older_box)
    await _paired(box, keystore)
    first = await _login_and_copy(keystore, "tanaka")
    async with desk_client(keystore) as api:
        await api.login("smith", PASSWORD)
        assert api.replica_key is not None and api.replica_key != first
        assert "tanaka" in api.replica_note and "made again" in api.replica_note
        replica = replica_of(keystore, api.replica_key)
        try:
            await pull(api, replica)  # the box fills the new replica
        finally:
            replica.close()
    assert ReplicaKeys(keystore).users() == ["smith"]
    with pytest.raises(ReplicaKeyError, match="never logged in at this desk"):
        _offline(keystore, "tanaka", PASSWORD)


async def test_a_remembered_token_session_follows_the_replica_with_the_escrowed_key(
    box: Box, keystore: Keystore
) -> None:
    await _paired(box, keystore)
    async with desk_client(keystore) as first:  # a password login wraps the key and escrows it
        await first.login("tanaka", PASSWORD)
        key = first.replica_key
        assert key is not None
    async with desk_client(keystore) as restarted:  # the desk restarts: the token, no password
        assert restarted.token is not None and restarted.replica_key is None
        assert await restarted.session_replica_key() == key
        replica = replica_of(keystore, key)
        try:
            await pull(restarted, replica)  # so the copy keeps following the box
            assert replica.complete
        finally:
            replica.close()
        restarted.token = None  # a session that is not logged in gets no escrow secret
        restarted.replica_key = None
        assert await restarted.session_replica_key() is None


async def test_a_replica_that_is_only_busy_is_kept_at_login(
    box: Box, keystore: Keystore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _paired(box, keystore)
    key = await _login_and_copy(keystore, "tanaka")

    def busy(path: Path, _key: bytes) -> Replica:
        raise ReplicaError(f"cannot open the replica {path}: database is locked")

    monkeypatch.setattr("tui.replica.keys.Replica", busy)
    async with desk_client(keystore) as api:
        await api.login("smith", PASSWORD)  # the login stands; only the offline copy waits
        assert api.token is not None and api.replica_key is None
        assert "database is locked" in api.replica_note
    monkeypatch.undo()
    assert ReplicaKeys(keystore).users() == ["tanaka"]  # nobody's wrap was thrown away
    assert ReplicaKeys(keystore).offline("tanaka", PASSWORD) == key
    assert "read-only" in _offline(keystore, "tanaka", PASSWORD)  # nor the replica


def test_desks_sharing_a_keystore_logging_in_at_once_keep_every_wrap(keystore: Keystore) -> None:
    from concurrent.futures import ThreadPoolExecutor

    escrow = os.urandom(32)  # the box's secret for this desk
    users = ["tanaka", "smith", "sato", "garcia"]
    keys = ReplicaKeys(keystore)
    with ThreadPoolExecutor(len(users)) as pool:  # browser desks: one process each, one keystore
        got = list(pool.map(lambda u: keys.at_login(u, f"{u}-password-2026", escrow), users))
    assert len({g.key for g in got}) == 1  # one replica key, not one per login
    assert keys.users() == sorted(users)  # nobody's wrap was lost to another's save
    for user in users:
        assert keys.offline(user, f"{user}-password-2026") == got[0].key
