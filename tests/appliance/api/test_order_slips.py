"""An order confirmed over real TLS prints: the kitchen ticket and the delivery slip reach the
printer emulator through the durable queue, and read back as the slips built from the order
(pixel for pixel, the address QR decoded)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import ImageChops
from routes_office import KITCHEN, OFFICE_BOX, RECEPTION, Office, pair, secret, seed_users

from appliance.api.server import BoxServer
from appliance.api.state import ApiState, BoxHooks
from appliance.config import PrinterConfig
from appliance.contract import OrderOut
from appliance.core.actor import Actor
from appliance.core.menu import add_option, create_product
from appliance.core.order_print import slip_facts
from appliance.core.settings import put_settings
from appliance.db.store import Store
from appliance.printing.emulator.server import PrinterEmulator
from appliance.printing.encode import slip_image
from appliance.printing.order_slip import slips_for
from appliance.printing.queue import PrintQueue

SHOP = Actor(None, None, "店長")


@pytest.fixture
async def shop(tmp_path: Path) -> AsyncIterator[tuple[Office, PrinterEmulator]]:
    """A running box whose one printer (all slips) is the emulator."""
    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    await store.executor.run(seed_users)
    emulator = PrinterEmulator(tmp_path / "printed", port=0, width=576)
    await emulator.start()
    printer = PrinterConfig(
        "counter", "all", host="127.0.0.1", port=emulator.port, timeout_s=5,
        retry_s=0.05, retry_max_s=0.2, check_every_s=0.5,
    )  # fmt: skip
    hooks = BoxHooks(secret)
    state = ApiState(box=OFFICE_BOX, hooks=hooks, store=store)
    hooks.printing = PrintQueue((printer,), lambda: store, lambda *_: None, state.hub)
    server = BoxServer(state)
    await server.start()
    await hooks.printing.start()
    ids = {
        "reception": await pair(server, RECEPTION, "受付"),
        "kitchen": await pair(server, KITCHEN, "厨房"),
    }
    office = Office(server, store, ids)
    try:
        yield office, emulator
    finally:
        for http in office.clients.values():
            await http.aclose()
        await hooks.printing.stop()
        await server.stop()
        await emulator.stop()
        await store.aclose()


async def test_a_confirmed_order_prints_both_slips(shop: tuple[Office, PrinterEmulator]) -> None:
    office, emulator = shop

    def menu() -> tuple[int, int]:
        put_settings(SHOP, {"shop.name": "そば処 やまだ", "timezone": "Asia/Tokyo"})
        tendon = create_product(SHOP, "天丼", 1200)
        return tendon.id, add_option(SHOP, tendon.id, "大盛り", price_delta=200).id

    tendon, big = await office.store.executor.run(menu)
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    cid = (await http.post("/customers", json={"display_name": "佐々木 健"})).json()["id"]
    await http.post(
        f"/customers/{cid}/addresses",
        json={
            "postal_code": "160-0022",
            "prefecture": "東京都",
            "city": "新宿区新宿",
            "line1": "3-1-1",
            "delivery_notes": "裏口から",
        },
    )
    body = {
        "items": [{"product_id": tendon, "qty": 2, "option_ids": [big], "remarks": "たれ少なめ"}],
        "payment": "cash",
        "tendered": 10000,
    }
    r = await http.post(f"/customers/{cid}/orders", json=body)
    assert r.status_code == 201, r.text
    order = OrderOut.model_validate(r.json())
    printed = await emulator.wait_for_jobs(2)
    facts = await office.store.executor.run(slip_facts)
    kitchen, delivery = slips_for(order, facts)
    assert (kitchen.kind, delivery.kind) == ("kitchen", "delivery")
    assert delivery.address.startswith("〒160-0022") and delivery.delivery_notes == "裏口から"
    assert delivery.payment.change(delivery.total) == 10000 - 2800
    for job, slip in zip(printed, (kitchen, delivery), strict=True):
        expected = slip_image(slip, 80).convert("L")
        assert ImageChops.difference(job.raster().convert("L"), expected).getbbox() is None
    assert printed[1].qr_codes == [delivery.qr_payload]
