"""Box and desk identities: self-signed ECDSA P-256 certificates and SHA-256 fingerprints."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 3650


@dataclass(frozen=True)
class Identity:
    """A certificate and its private key, both PEM."""

    cert_pem: bytes
    key_pem: bytes

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER certificate, lower-case hex."""
        return fingerprint(self.cert_pem)

    def save(self, cert_path: Path, key_path: Path) -> None:
        """Write both files; the key readable by the owner only."""
        cert_path.write_bytes(self.cert_pem)
        key_path.touch(mode=0o600)
        key_path.write_bytes(self.key_pem)

    @classmethod
    def load(cls, cert_path: Path, key_path: Path) -> Identity:
        """Read an identity written by save()."""
        return cls(cert_path.read_bytes(), key_path.read_bytes())


def make_identity(common_name: str, *, server_names: Sequence[str] = ()) -> Identity:
    """A fresh self-signed identity: a desk's client certificate, or (server_names given: host
    names and IP addresses) the certificate a box or a browser desk's server presents."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "ringdesk")])
    now = dt.datetime.now(dt.UTC)
    builder = (
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
        sans: list[x509.GeneralName] = []
        for n in dict.fromkeys(server_names):
            try:
                sans.append(x509.IPAddress(ipaddress.ip_address(n)))
            except ValueError:
                sans.append(x509.DNSName(n))
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return Identity(cert.public_bytes(serialization.Encoding.PEM), key_pem)


def fingerprint(cert: bytes) -> str:
    """SHA-256 fingerprint (hex) of a PEM or DER certificate."""
    der = cert
    if cert.lstrip().startswith(b"-----BEGIN"):
        der = x509.load_pem_x509_certificate(cert).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def der_to_pem(der: bytes) -> bytes:
    """A DER certificate as PEM."""
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


def peer_fingerprint(ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> str | None:
    """Fingerprint of the certificate the peer presented, or None."""
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(binary_form=True)
    return hashlib.sha256(der).hexdigest() if der else None
