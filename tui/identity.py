"""The desk's own certificate: self-signed ECDSA P-256, SHA-256 fingerprints."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 3650


@dataclass(frozen=True)
class DeskIdentity:
    """A desk certificate and its private key, both PEM."""

    cert_pem: bytes
    key_pem: bytes

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER certificate, lower-case hex."""
        return fingerprint(self.cert_pem)


def new_identity(common_name: str, *, server_names: list[str] | None = None) -> DeskIdentity:
    """A fresh self-signed certificate: this desk's client certificate, or (server_names given)
    the certificate a browser desk served by `--serve` presents."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "desk")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    if server_names:
        names: list[x509.GeneralName] = []
        for n in server_names:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(n)))
            except ValueError:
                names.append(x509.DNSName(n))
        cert = cert.add_extension(x509.SubjectAlternativeName(names), critical=False)
    signed = cert.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DeskIdentity(signed.public_bytes(serialization.Encoding.PEM), key_pem)


def fingerprint(cert: bytes) -> str:
    """SHA-256 fingerprint (hex) of a PEM or DER certificate."""
    der = cert
    if cert.lstrip().startswith(b"-----BEGIN"):
        der = x509.load_pem_x509_certificate(cert).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def der_to_pem(der: bytes) -> bytes:
    """A DER certificate as PEM."""
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)
