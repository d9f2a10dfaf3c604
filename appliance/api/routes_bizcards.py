"""Business card routes: scan an uploaded image, keep it with a customer, list a customer's."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.routes_customers import RowId
from appliance.api.state import ApiState
from appliance.bizcard.ocr import OcrUnavailableError
from appliance.bizcard.pending import PendingScans, read
from appliance.bizcard.scan import NotAnImageError
from appliance.contract.bizcards import (
    BusinessCardOut,
    CardFieldsOut,
    CardSaveIn,
    CardScanOut,
)
from appliance.core import bizcards
from appliance.core.access.sessions import Caller
from appliance.core.usecases import customers

SCAN_PATH = "/bizcards/scan"
T = TypeVar("T")


async def niced(fn: Callable[[bytes], T], data: bytes) -> T:
    """fn(data) on a thread of its own at a lower CPU priority (the processes it starts inherit
    it): a ringing line never waits on OCR."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def settle(ok: bool, value: Any) -> None:
        if not done.done():
            (done.set_result if ok else done.set_exception)(value)

    def work() -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        try:
            outcome: tuple[bool, Any] = (True, fn(data))
        except Exception as exc:  # handed to the awaiting request
            outcome = (False, exc)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(settle, *outcome)

    threading.Thread(target=work, daemon=True, name="card-ocr").start()
    return await done


def router(state: ApiState) -> APIRouter:
    """The business card routes (operator and up)."""
    api = APIRouter(tags=["bizcards"], responses=ERRORS)
    run = runner(state)
    who = needs(state, "operator")
    pending = PendingScans()
    one_at_a_time = asyncio.Semaphore(1)

    @api.post(SCAN_PATH)
    async def scan(request: Request, _: Caller = who) -> CardScanOut:
        """Read the card in the body (the image file's bytes, JPEG/PNG/WebP/TIFF); the scan is
        held on the box under the returned token until it is kept (POST /bizcards)."""
        data = await request.body()
        try:
            async with one_at_a_time:  # OCR is heavy on a small box
                held = await niced(read, data)
        except NotAnImageError as exc:
            raise HTTPException(422, f"画像として読めません / {exc}") from exc
        except OcrUnavailableError as exc:
            raise HTTPException(503, "Tesseract がありません / Tesseract is not installed") from exc
        token, result = pending.hold(held), held.result
        fields = CardFieldsOut.model_validate(result.as_json()["fields"])
        return CardScanOut(
            token=token,
            fields=fields,
            confidence=result.confidence,
            vertical=result.vertical,
            matches=await run(bizcards.matches, fields),
        )

    @api.post("/bizcards", status_code=201)
    async def keep(body: CardSaveIn, c: Caller = who) -> BusinessCardOut:
        """Keep a held scan with a customer (existing, or new from body.new_customer)."""
        held = pending.take(body.token)
        if held is None:
            raise HTTPException(
                410, "読み取りの期限が切れました。もう一度読み取ってください / scan again"
            )
        out: BusinessCardOut = await run(bizcards.save, c.actor, body, held.jpeg, held.result.text)
        if out.customer_id is not None:
            version = await run(customers.card_version, out.customer_id)
            state.hub.publish("customer", {"customer_id": out.customer_id, "version": version})
        return out

    @api.get("/customers/{customer_id}/bizcards")
    async def of_customer(customer_id: RowId, _: Caller = who) -> list[BusinessCardOut]:
        """The customer's business cards, newest exchange first."""
        result: list[BusinessCardOut] = await run(bizcards.of_customer, customer_id)
        return result

    return api
