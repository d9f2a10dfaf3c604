"""Pairing core: SPAKE2 with certificate hashes, MACs, single-use code and failure limits."""

from __future__ import annotations

import os

import pytest

from appliance.contract.pairing_proof import DeskHandshake
from appliance.core.access.pairing import PairingDesk, PairingError

BOX_FP, DESK_FP = "b0" * 32, "d1" * 32


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _pair(box: PairingDesk, code: str, desk_fp: str = DESK_FP, box_fp: str = BOX_FP) -> bytes:
    desk = DeskHandshake(code, desk_fp, box_fp)
    attempt, box_msg = box.start(desk_fp, desk.msg)
    mac = desk.confirm(box_msg)
    secret = os.urandom(32)
    box_mac, sealed = box.finish(attempt, mac, secret)
    assert desk.open(box_mac, sealed) == secret
    return secret


def _wrong(box: PairingDesk, code: str) -> None:
    with pytest.raises(PairingError, match="wrong code"):
        _pair(box, code)


def test_right_code_delivers_the_secret_once() -> None:
    box = PairingDesk(BOX_FP)
    code = box.open()
    assert len(code) == 8 and code.isdigit()
    _pair(box, code)
    with pytest.raises(PairingError, match="not open"):
        _pair(box, code)  # single use


def test_box_identity_mismatch_fails_like_a_wrong_code() -> None:
    box = PairingDesk(BOX_FP)
    code = box.open()
    with pytest.raises(PairingError):  # desk saw a different box certificate (a relay)
        _pair(box, code, box_fp="ee" * 32)


def test_code_dies_after_three_failures() -> None:
    box = PairingDesk(BOX_FP)
    code = box.open()
    bad = f"{(int(code) + 1) % 10**8:08d}"
    _wrong(box, bad)
    _wrong(box, bad)
    _pair(box, box.code or "")  # still alive after two
    code = box.open()
    for _ in range(3):
        _wrong(box, bad)
    with pytest.raises(PairingError, match="not open"):
        _pair(box, code)


def test_window_expires() -> None:
    clock = Clock()
    box = PairingDesk(BOX_FP, window_s=300, clock=clock)
    code = box.open()
    clock.t += 301
    with pytest.raises(PairingError, match="not open"):
        _pair(box, code)


def test_ten_failures_a_day_close_pairing_and_a_reopening_allows_one_more_guess() -> None:
    clock = Clock()
    box = PairingDesk(BOX_FP, clock=clock, wall=clock)
    box.open()
    box.failures = [clock.t - 10.0] * 9  # nine earlier failures today
    _wrong(box, "00000000" if box.code != "00000000" else "11111111")
    assert box.closed_for_day and not box.is_open
    box.open()  # the admin reopens: the day's failures stay counted
    _wrong(box, "00000000" if box.code != "00000000" else "11111111")
    assert box.closed_for_day and not box.is_open
    code = box.open()
    _pair(box, code)


def test_saved_failures_carry_the_daily_limit_over_a_restart() -> None:
    clock = Clock()
    box = PairingDesk(BOX_FP, clock=clock, wall=clock)
    box.restore_failures([clock.t - 90_000.0] * 5 + [clock.t - 60.0] * 10)  # 5 are a day old
    assert box.failures == [clock.t - 60.0] * 10
    assert box.closed_for_day and not box.is_open
    box.restore_failures([clock.t - 60.0] * 9)
    assert not box.closed_for_day


def test_garbage_spake_message_is_a_failure_not_a_crash() -> None:
    box = PairingDesk(BOX_FP)
    box.open()
    attempt, _ = box.start(DESK_FP, b"\x00garbage")
    with pytest.raises(PairingError, match="wrong code"):
        box.finish(attempt, b"x" * 32, os.urandom(32))
    assert box.code_failures == 1
