"""Desk-side TLS 1.3: the box certificate pinned, the desk certificate presented."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import tempfile
from pathlib import Path

from tui.identity import DeskIdentity, der_to_pem


def desk_context(desk: DeskIdentity | None, box_cert_pem: bytes | None) -> ssl.SSLContext:
    """TLS 1.3 client context; with box_cert_pem only that exact certificate is accepted.

    box_cert_pem None is used once, to read the certificate the box presents before pairing.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False  # the pin is the certificate itself, not a host name
    if box_cert_pem is None:
        ctx.verify_mode = ssl.CERT_NONE
    else:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(cadata=box_cert_pem.decode())
    if desk is not None:
        with tempfile.TemporaryDirectory() as tmp:
            cert, key = Path(tmp) / "c.pem", Path(tmp) / "k.pem"
            cert.write_bytes(desk.cert_pem)
            key.touch(mode=0o600)
            key.write_bytes(desk.key_pem)
            ctx.load_cert_chain(cert, key)
    return ctx


async def fetch_box_certificate(host: str, port: int, timeout_s: float = 5.0) -> bytes:
    """The PEM certificate the box presents (unverified: SPAKE2 then proves its hash)."""
    ctx = desk_context(None, None)
    _reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=ctx), timeout_s
    )
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            await writer.wait_closed()
    if not der:
        raise ConnectionError(f"{host}:{port}: no certificate / 証明書がありません")
    return der_to_pem(der)
