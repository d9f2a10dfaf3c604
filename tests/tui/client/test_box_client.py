"""The desk client against a real box API over TLS 1.3: pairing, keystore, login, events."""

from __future__ import annotations

import asyncio
import stat

import pytest

from appliance.contract import Event
from tests.tui.conftest import BOX_IDENTITY, PASSWORD, Box, until
from tui.client.box_client import BoxClient
from tui.client.errors import NotLoggedInError, PairingFailedError
from tui.client.event_socket import LinkState
from tui.client.keystore import Keystore
from tui.client.pairing import pair


async def test_pair_pins_the_box_and_keeps_the_secret_private(box: Box, keystore: Keystore) -> None:
    pinned = await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")
    assert pinned.fingerprint == BOX_IDENTITY.fingerprint
    assert box.issued[-1][0] == "受付"
    assert keystore.secret() == box.issued[-1][1]
    for path in keystore.root.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(keystore.root.stat().st_mode) == 0o700
    async with BoxClient(keystore) as client:
        me = await client.me()
    assert me == {"desk_id": pinned.desk_id, "fingerprint": keystore.identity().fingerprint}


async def test_wrong_code_is_refused_and_nothing_is_pinned(box: Box, keystore: Keystore) -> None:
    code = box.open_pairing()
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    with pytest.raises(PairingFailedError, match="wrong code"):
        await pair(keystore, "127.0.0.1", box.port, wrong, desk_name="受付")
    assert not keystore.paired
    with pytest.raises(PairingFailedError, match="8"):
        await pair(keystore, "127.0.0.1", box.port, "12ab", desk_name="受付")


async def test_advertised_fingerprint_must_match(box: Box, keystore: Keystore) -> None:
    with pytest.raises(PairingFailedError, match="announced"):
        await pair(
            keystore,
            "127.0.0.1",
            box.port,
            box.open_pairing(),
            desk_name="受付",
            advertised_fp="0" * 64,
        )


async def test_login_remembers_the_token(box: Box, keystore: Keystore) -> None:
    await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")
    async with BoxClient(keystore) as client:
        with pytest.raises(NotLoggedInError) as bad:
            await client.login("tanaka", "wrong-password-1")
        assert "/" in bad.value.detail  # Japanese / English
        out = await client.login("Tanaka", PASSWORD)
    assert out.role == "operator" and keystore.token() == out.token
    assert keystore.prefs()["username"] == "tanaka"


async def test_events_resume_across_a_box_restart(box: Box, keystore: Keystore) -> None:
    await pair(keystore, "127.0.0.1", box.port, box.open_pairing(), desk_name="受付")
    got: list[Event] = []
    links: list[LinkState] = []
    async with BoxClient(keystore) as client:
        stream = client.events(backoff_s=0.05, backoff_max_s=0.2)

        async def consume() -> None:
            async for item in stream:
                (got if isinstance(item, Event) else links).append(item)  # type: ignore[arg-type]

        task = asyncio.create_task(consume())
        await until(lambda: bool(links))
        box.publish("ring", {"call_id": 1, "line": "1", "count": 1})
        await until(lambda: len(got) == 1)
        await box.restart([keystore.identity().cert_pem])  # the desk is cut off meanwhile
        for i in range(3):
            box.publish("ring", {"call_id": 2 + i, "line": "2", "count": 1})
        await until(lambda: len(got) == 4)
        await stream.close()
        await asyncio.wait_for(task, 5)
    assert [e.seq for e in got] == [1, 2, 3, 4]
    ups = [s.connected for s in links]
    assert ups[0] and not ups[1] and ups[-1]  # up, lost (retrying with backoff), up again
    assert all(s.retry_in <= 0.2 for s in links)
