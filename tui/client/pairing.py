"""Pairing a desk with a box over the network: read its certificate, SPAKE2, pin it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import httpx

from appliance.contract import PairFinishIn, PairFinishOut, PairStartIn, PairStartOut
from appliance.contract.identity import fingerprint
from appliance.contract.pairing_proof import DeskHandshake, PairingProofError
from appliance.contract.tls import client_context
from tui.client.box_certificate import fetch_box_certificate
from tui.client.box_client import problem
from tui.client.errors import ApiError, BoxUnreachableError, PairingFailedError
from tui.client.keystore import Keystore, PinnedBox

FP_MISMATCH = (
    "箱の証明書が告知と一致しません / the box's certificate does not match what it announced"
)

# What a person types for the code the box prints as "2664 1672": digits (full-width from an
# IME too) with spaces or hyphens (ASCII, full-width, the IME's ー) between groups.
CODE_TYPING = r"[0-9０-９\s\-‐‑‒–—―−ー－]*"
_CODE_GAPS = re.compile(r"[\s\-‐‑‒–—―−ー]")


def pairing_code(typed: str) -> str:
    """The code as the box means it: ASCII digits only, whatever spaces, hyphens or
    full-width digits it was typed with ("２６６４－１６７２" -> "26641672")."""
    return _CODE_GAPS.sub("", unicodedata.normalize("NFKC", typed))


async def pair(
    keystore: Keystore,
    host: str,
    port: int,
    code: str,
    *,
    desk_name: str,
    box_name: str = "",
    advertised_fp: str | None = None,
) -> PinnedBox:
    """Pair with the box at host:port using the code it shows; pin it in the keystore.

    The certificate read from the box is only trusted because SPAKE2 binds its hash: a wrong
    code or a stranger in the middle both end in PairingFailedError.
    """
    code = pairing_code(code)
    if not (code.isascii() and code.isdigit() and len(code) == 8):
        raise PairingFailedError("コードは 8 桁の数字です / the code is 8 digits")
    try:
        cert_pem = await fetch_box_certificate(host, port)
    except (OSError, TimeoutError) as exc:
        unreachable = f"箱に接続できません / cannot reach {host}:{port}: {exc}"
        raise BoxUnreachableError(unreachable) from exc
    box_fp = fingerprint(cert_pem)
    if advertised_fp is not None and advertised_fp != box_fp:
        raise PairingFailedError(FP_MISMATCH)
    ident = keystore.identity()
    hand = DeskHandshake(code, ident.fingerprint, box_fp)
    ctx = client_context(None, cert_pem)  # pinned to what we read; no desk certificate yet
    async with httpx.AsyncClient(base_url=f"https://{host}:{port}", verify=ctx) as http:
        try:
            r = await http.post(
                "/pair/start",
                json=PairStartIn(
                    desk_name=desk_name[:64],
                    desk_cert_pem=ident.cert_pem.decode(),
                    spake_msg=hand.msg.hex(),
                ).model_dump(),
            )
            if r.status_code != 200:
                raise _refused(r)
            start = PairStartOut.model_validate(r.json())
            mac = _proven(hand.confirm, bytes.fromhex(start.spake_msg))
            r = await http.post(
                "/pair/finish", json=PairFinishIn(attempt=start.attempt, mac=mac.hex()).model_dump()
            )
            if r.status_code != 200:
                raise _refused(r)
        except httpx.TransportError as exc:
            raise BoxUnreachableError(f"箱に接続できません / cannot reach {host}:{port}") from exc
    out = PairFinishOut.model_validate(r.json())
    secret = _proven(hand.open, bytes.fromhex(out.mac), bytes.fromhex(out.sealed_secret))
    box = PinnedBox(box_name or host, host, port, box_fp, cert_pem.decode(), out.desk_id)
    keystore.save_pairing(box, secret)
    keystore.save_token(None)
    return box


def _refused(r: httpx.Response) -> PairingFailedError:
    err: ApiError = problem(r)
    return PairingFailedError(err.detail)


def _proven(step: Callable[..., bytes], *args: bytes) -> bytes:
    """A handshake step; its proof failure as the desk's PairingFailedError."""
    try:
        return step(*args)
    except PairingProofError as exc:
        raise PairingFailedError(str(exc)) from exc
