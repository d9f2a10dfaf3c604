"""A slip's print job: initialise, the image in GS v 0 bands as high as the image, the address
QR as the printer's own QR code, then a cut."""

from __future__ import annotations

import dataclasses

from appliance.printing.encode import slip_image, slip_job
from tests.appliance.printing.slips import japanese_slip


def _bands(job: bytes) -> list[tuple[int, int]]:
    """(width bytes, height) of each GS v 0 in the job."""
    found, at = [], 0
    while (at := job.find(b"\x1dv0", at)) >= 0:
        width, height = (
            int.from_bytes(job[at + 4 : at + 6], "little"),
            job[at + 6] + 256 * job[at + 7],
        )
        found.append((width, height))
        at += 8 + width * height
    return found


def test_the_job_is_init_raster_qr_and_cut() -> None:
    slip = japanese_slip()
    job = slip_job(slip, 58)
    assert job.startswith(b"\x1b@") and job.endswith(b"\x1dV\x00")
    bands = _bands(job)
    assert {w for w, _ in bands} == {384 // 8}
    assert sum(h for _, h in bands) == slip_image(slip, 58).height
    payload = slip.qr_payload.encode()
    assert b"\x1d(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload in job


def test_a_kitchen_ticket_has_no_qr() -> None:
    job = slip_job(dataclasses.replace(japanese_slip("kitchen"), qr_payload=""), 80)
    assert b"\x1d(k" not in job and {w for w, _ in _bands(job)} == {576 // 8}
