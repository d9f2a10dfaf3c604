"""Reading the certificate a box presents, before pairing pins it."""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from appliance.contract.identity import der_to_pem
from appliance.contract.tls import client_context


async def fetch_box_certificate(host: str, port: int, timeout_s: float = 5.0) -> bytes:
    """The PEM certificate the box presents (unverified: SPAKE2 then proves its hash)."""
    ctx = client_context(None, None)
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
