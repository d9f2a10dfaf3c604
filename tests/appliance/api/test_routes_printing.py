"""The print routes over real TLS: a test print reaches the emulator, the job list shows it
printed, a job and an order reprint (marked 再発行), wrong ids and printers are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from routes_office import RECEPTION, Office

from appliance.config import PrinterConfig
from appliance.printing.emulator.server import PrinterEmulator
from appliance.printing.queue import PrintQueue
from tests.appliance.printing.slips import japanese_slip, printed_jobs


@pytest.fixture
async def printer(
    office: Office, tmp_path: Path
) -> AsyncIterator[tuple[PrinterEmulator, PrintQueue]]:
    emulator = PrinterEmulator(tmp_path / "printed", port=0)
    await emulator.start()
    config = PrinterConfig("kitchen", host="127.0.0.1", port=emulator.port, timeout_s=5)
    queue = PrintQueue(
        (config,), lambda: office.store, lambda _s, _w: None, office.server.state.hub
    )
    await queue.start()
    office.server.state.hooks.printing = queue
    try:
        yield emulator, queue
    finally:
        office.server.state.hooks.printing = None
        await queue.stop()
        await emulator.stop()


async def test_test_print_list_and_reprints(
    office: Office, printer: tuple[PrinterEmulator, PrintQueue]
) -> None:
    emulator, queue = printer
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    made = await http.post("/print/printers/kitchen/test", params={"lang": "en"})
    assert made.status_code == 201, made.text
    [first] = await emulator.wait_for_jobs(1)
    assert first.qr_codes and first.raster() is not None
    slip = japanese_slip()
    [order_job] = await queue.submit(slip)
    await emulator.wait_for_jobs(2)
    again = await http.post(f"/orders/{slip.order_id}/reprint")
    assert again.status_code == 201, again.text
    assert [j["reprint_of"] for j in again.json()] == [order_job]
    one = await http.post(f"/print/jobs/{made.json()['id']}/reprint")
    assert one.status_code == 201 and one.json()["printer"] == "kitchen"
    await emulator.wait_for_jobs(4)
    await printed_jobs(queue, 4)
    listed = (await http.get("/print/jobs", params={"order_id": slip.order_id})).json()
    assert [j["id"] for j in listed] == [again.json()[0]["id"], order_job]
    assert "customer" not in str(listed) and slip.address not in str(listed)
    assert (await http.post("/print/jobs/99999/reprint")).status_code == 404
    assert (await http.post("/orders/424242/reprint")).status_code == 404
    assert (await http.post("/print/printers/bar/test")).status_code == 404
    [kitchen] = (await http.get("/print/printers")).json()
    assert kitchen == {
        "name": "kitchen",
        "role": "all",
        "connection": "network",
        "paper_mm": 80,
        "problem": "",
        "waiting": 0,
    }


async def test_without_a_queue_printing_is_unavailable(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    answer = await http.get("/print/jobs")
    assert answer.status_code == 503 and "print queue" in answer.json()["detail"]
