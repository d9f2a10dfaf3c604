"""The box's TLS 1.3 context: it accepts pinned desk certificates (or none, for pairing only)."""

from __future__ import annotations

import ssl

from appliance.contract.identity import Identity
from appliance.contract.tls import load_identity


def server_context(box: Identity, pinned_desks: list[bytes]) -> ssl.SSLContext:
    """Box side: TLS 1.3 only; a client certificate is optional but, if sent, must be pinned.

    A client without a certificate gets through the handshake and reaches only the pairing
    endpoint (enforced by the app); an unknown certificate fails the handshake. A desk is
    trusted as the exact certificate pinned for it, never by its subject name.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    load_identity(ctx, box)
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
