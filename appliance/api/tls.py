"""TLS 1.3 contexts: the box accepts pinned desk certificates (or none, for pairing only)."""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path

from appliance.api.certs import Identity


def _load_identity(ctx: ssl.SSLContext, identity: Identity) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = Path(tmp) / "c.pem", Path(tmp) / "k.pem"
        identity.save(cert, key)
        ctx.load_cert_chain(cert, key)


def server_context(box: Identity, pinned_desks: list[bytes]) -> ssl.SSLContext:
    """Box side: TLS 1.3 only; a client certificate is optional but, if sent, must be pinned.

    A client without a certificate gets through the handshake and reaches only the pairing
    endpoint (enforced by the app); an unknown certificate fails the handshake. A desk is
    trusted as the exact certificate pinned for it, never by its subject name.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    _load_identity(ctx, box)
    ctx.verify_mode = ssl.CERT_OPTIONAL
    # Without PARTIAL_CHAIN OpenSSL looks a self-signed desk up among the pins by subject and
    # compares it with the first pin of that name only, so a second desk named like an earlier
    # one (two 受付 desks) fails; with it, a desk certificate found in the pins as itself (the
    # whole DER, i.e. its fingerprint) is the trust anchor.
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    for pem in pinned_desks:
        pin_desk(ctx, pem)
    return ctx


def pin_desk(ctx: ssl.SSLContext, desk_cert_pem: bytes) -> None:
    """Trust one more desk certificate for new handshakes (self-signed = its own anchor)."""
    ctx.load_verify_locations(cadata=desk_cert_pem.decode())


def client_context(desk: Identity | None, box_cert_pem: bytes | None) -> ssl.SSLContext:
    """Desk side: TLS 1.3; the box certificate pinned when known (None only while pairing)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False  # the pin is the certificate itself, not a name
    if box_cert_pem is None:
        ctx.verify_mode = ssl.CERT_NONE  # pairing: the box's hash is proven by SPAKE2
    else:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(cadata=box_cert_pem.decode())
    if desk is not None:
        _load_identity(ctx, desk)
    return ctx
