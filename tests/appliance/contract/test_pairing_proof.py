"""The pairing proof of the contract: the desk's handshake against the box's own side, and
identities whose fingerprint is the hash of their certificate."""

from __future__ import annotations

import os

import pytest

from appliance.contract.identity import fingerprint, make_identity
from appliance.contract.pairing_proof import DeskHandshake, PairingProofError
from appliance.core.access.pairing import PairingDesk, PairingError

BOX_FP = "b0" * 32


def test_desk_handshake_speaks_the_box_protocol() -> None:
    desk = make_identity("desk-受付")
    box = PairingDesk(BOX_FP)
    code = box.open()
    hand = DeskHandshake(code, desk.fingerprint, BOX_FP)
    attempt, box_msg = box.start(desk.fingerprint, hand.msg)
    secret = os.urandom(32)
    box_mac, sealed = box.finish(attempt, hand.confirm(box_msg), secret)
    assert hand.open(box_mac, sealed) == secret


def test_a_box_with_another_code_is_caught_by_the_desk() -> None:
    desk = make_identity("desk")
    box = PairingDesk(BOX_FP)
    code = box.open()
    hand = DeskHandshake(f"{(int(code) + 1) % 10**8:08d}", desk.fingerprint, BOX_FP)
    attempt, box_msg = box.start(desk.fingerprint, hand.msg)
    with pytest.raises(PairingError):
        box.finish(attempt, hand.confirm(box_msg), os.urandom(32))
    with pytest.raises(PairingProofError):
        hand.open(b"\0" * 32, b"\0" * 60)


def test_identity_fingerprint_matches_der_hash() -> None:
    ident = make_identity("desk", server_names=["127.0.0.1", "localhost"])
    assert len(ident.fingerprint) == 64 and ident.fingerprint == fingerprint(ident.cert_pem)
