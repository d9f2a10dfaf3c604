"""Print routes: the print jobs (waiting or printed), a reprint of one job or of an order's
slips, and a test print on a printer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from appliance.api.deps import needs
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract.printing import PrinterOut, PrintJobOut
from appliance.core.access.sessions import Caller
from appliance.printing.queue import PrintQueue, QueueLockedError

NO_QUEUE = "印刷キューがありません / this box has no print queue"
NO_JOB = "その印刷ジョブはありません / no such print job"
NO_ORDER_JOBS = "この注文の伝票はまだ印刷されていません / nothing was printed for this order"
NO_PRINTER = "そのプリンタは ringdesk.toml にありません / no such printer in ringdesk.toml"
LOCKED = "箱がロックされています / the box is locked"
JobId = Annotated[int, Path(ge=1, le=2**62)]


def router(state: ApiState) -> APIRouter:
    """GET /print/jobs and /print/printers; POST /print/jobs/{id}/reprint,
    /orders/{id}/reprint and /print/printers/{name}/test (operator and up)."""
    api = APIRouter(tags=["printing"], responses=ERRORS)
    who = needs(state, "operator")

    def queue() -> PrintQueue:
        if state.hooks.printing is None:
            raise HTTPException(503, NO_QUEUE)
        return state.hooks.printing

    @api.get("/print/jobs")
    async def print_jobs(
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        order_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
        _: Caller = who,
    ) -> list[PrintJobOut]:
        """The newest print jobs first (one order's when order_id is given)."""
        return await queue().jobs(limit, order_id)

    @api.get("/print/printers")
    async def printers(_: Caller = who) -> list[PrinterOut]:
        """The printers of ringdesk.toml, each with its problem and waiting jobs."""
        return await queue().printer_list()

    @api.post("/print/jobs/{job_id}/reprint", status_code=201)
    async def reprint(job_id: JobId, _: Caller = who) -> PrintJobOut:
        """Print a job's slip again (marked 再発行), behind what its printer has waiting."""
        try:
            job = await queue().reprint(job_id)
        except QueueLockedError:
            raise HTTPException(503, LOCKED) from None
        if job is None:
            raise HTTPException(404, NO_JOB)
        return job

    @api.post("/orders/{order_id}/reprint", status_code=201)
    async def reprint_order(
        order_id: JobId,
        kind: Literal["kitchen", "delivery"] | None = None,
        _: Caller = who,
    ) -> list[PrintJobOut]:
        """Print the order's latest slip of each kind (or only `kind`) again."""
        try:
            again = await queue().reprint_order(order_id, kind)
        except QueueLockedError:
            raise HTTPException(503, LOCKED) from None
        if not again:
            raise HTTPException(404, NO_ORDER_JOBS)
        return again

    @api.post("/print/printers/{name}/test", status_code=201)
    async def test_print(
        name: Annotated[str, Path(max_length=100)],
        lang: Literal["ja", "en"] = "ja",
        _: Caller = who,
    ) -> PrintJobOut:
        """A test slip on the printer (Japanese, amounts, QR, cut)."""
        try:
            job = await queue().test_print(name, lang)
        except QueueLockedError:
            raise HTTPException(503, LOCKED) from None
        if job is None:
            raise HTTPException(404, NO_PRINTER)
        return job

    return api
