"""The desk's end of TLS 1.3: the box certificate pinned, the desk certificate presented."""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path

from appliance.contract.identity import Identity


def load_identity(ctx: ssl.SSLContext, identity: Identity) -> None:
    """Present this identity on the context (ssl reads certificates from files only)."""
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = Path(tmp) / "c.pem", Path(tmp) / "k.pem"
        identity.save(cert, key)
        ctx.load_cert_chain(cert, key)


def client_context(desk: Identity | None, box_cert_pem: bytes | None) -> ssl.SSLContext:
    """TLS 1.3 client context; with box_cert_pem only that exact certificate is accepted.

    box_cert_pem None is for pairing only: the box's certificate hash is then proven by SPAKE2.
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
        load_identity(ctx, desk)
    return ctx
