"""Real TLS 1.3 on loopback with generated certificates: pinned desks in, strangers out."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from appliance.api.tls import pin_desk, server_context
from appliance.contract.identity import Identity, fingerprint, make_identity, peer_fingerprint
from appliance.contract.tls import client_context

BOX = make_identity("ringdesk-box", server_names=["localhost", "127.0.0.1"])
DESK = make_identity("desk-1")
STRANGER = make_identity("desk-x")
Box = tuple[int, ssl.SSLContext, list[str | None]]


@asynccontextmanager
async def _serving(pinned: list[bytes]) -> AsyncIterator[Box]:
    """A TLS server pinning `pinned` desks that says hello and notes each peer's fingerprint."""
    seen: list[str | None] = []
    ctx = server_context(BOX, pinned)

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(peer_fingerprint(writer.get_extra_info("ssl_object")))
        writer.write(b"hello\n")
        await writer.drain()
        writer.close()

    srv = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=ctx)
    try:
        yield srv.sockets[0].getsockname()[1], ctx, seen
    finally:
        srv.close()
        await srv.wait_closed()


@pytest.fixture
async def box() -> AsyncIterator[Box]:
    async with _serving([DESK.cert_pem]) as served:
        yield served


async def _talk(port: int, ctx: ssl.SSLContext) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=ctx)
    assert writer.get_extra_info("ssl_object").version() == "TLSv1.3"
    data = await asyncio.wait_for(reader.readline(), 2)
    writer.close()
    return data


def test_fingerprint_is_sha256_of_der_and_stable() -> None:
    assert len(BOX.fingerprint) == 64
    assert BOX.fingerprint == fingerprint(BOX.cert_pem) != DESK.fingerprint


def test_identity_round_trips_with_private_key_mode(tmp_path: Path) -> None:
    base = tmp_path
    DESK.save(base / "d.pem", base / "d.key")
    assert (base / "d.key").stat().st_mode & 0o077 == 0
    assert Identity.load(base / "d.pem", base / "d.key") == DESK


async def test_pinned_desk_is_seen_by_fingerprint(
    box: tuple[int, ssl.SSLContext, list[str | None]],
) -> None:
    port, _, seen = box
    assert await _talk(port, client_context(DESK, BOX.cert_pem)) == b"hello\n"
    assert seen == [DESK.fingerprint]


async def test_unpaired_client_gets_in_without_identity(
    box: tuple[int, ssl.SSLContext, list[str | None]],
) -> None:
    port, _, seen = box
    assert await _talk(port, client_context(None, None)) == b"hello\n"
    assert seen == [None]  # the app lets a certificate-less peer reach pairing only


async def test_wrong_client_certificate_is_refused(
    box: tuple[int, ssl.SSLContext, list[str | None]],
) -> None:
    port, ctx, seen = box
    # TLS 1.3: the client may finish its half before the box's alert arrives, so the refusal
    # shows either as an error or as a connection closed before any application byte.
    try:
        data = await _talk(port, client_context(STRANGER, BOX.cert_pem))
    except (ssl.SSLError, ConnectionError):
        data = b""
    assert data == b""
    assert seen == []
    pin_desk(ctx, STRANGER.cert_pem)  # after pairing, the same certificate is accepted
    assert await _talk(port, client_context(STRANGER, BOX.cert_pem)) == b"hello\n"


async def test_desk_refuses_a_box_it_did_not_pin(
    box: tuple[int, ssl.SSLContext, list[str | None]],
) -> None:
    port, _, _ = box
    other_box = make_identity("evil-box", server_names=["localhost", "127.0.0.1"])
    with pytest.raises(ssl.SSLCertVerificationError):
        await _talk(port, client_context(DESK, other_box.cert_pem))


async def test_desks_with_one_subject_are_told_apart_by_fingerprint() -> None:
    # two desks both named 受付 (front desk): same certificate subject, different keys
    first, second = make_identity("受付"), make_identity("受付")
    async with _serving([first.cert_pem]) as (port, ctx, seen):
        try:  # only the paired one of the two is let in
            data = await _talk(port, client_context(second, BOX.cert_pem))
        except (ssl.SSLError, ConnectionError):
            data = b""
        assert data == b""
        assert await _talk(port, client_context(first, BOX.cert_pem)) == b"hello\n"
        pin_desk(ctx, second.cert_pem)  # both paired: each is let in as itself
        assert await _talk(port, client_context(second, BOX.cert_pem)) == b"hello\n"
        assert await _talk(port, client_context(first, BOX.cert_pem)) == b"hello\n"
        assert seen == [first.fingerprint, second.fingerprint, first.fingerprint]
