"""Customers in and out from a desk (manager and admin): an export's file, an upload's preview
with the guessed mapping, and its import streamed as progress lines, then the result."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import StreamingResponse

from appliance.api.deps import needs, runner
from appliance.api.errors import ERRORS
from appliance.api.state import ApiState
from appliance.contract.transfer import (
    EXPORT_SHEETS,
    IMPORT_MAX_BYTES,
    ExportFormat,
    ImportPreview,
    ImportProgress,
)
from appliance.core.access.sessions import Caller
from appliance.core.errors import InvalidInput
from appliance.core.usecases import transfer

_MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "vcf": "text/vcard; charset=utf-8",
}
Name = Annotated[str, Query(min_length=1, max_length=255)]
FAILED = "取り込みに失敗しました。何も取り込んでいません / the import failed: nothing was imported"
log = logging.getLogger(__name__)


async def _upload(request: Request) -> bytes:
    data = await request.body()
    if not data:
        raise HTTPException(422, "ファイルが空です / the file is empty")
    if len(data) > IMPORT_MAX_BYTES:
        raise HTTPException(413, "ファイルが大きすぎます / the file is too large")
    return data


def router(state: ApiState) -> APIRouter:
    """The transfer routes (manager and up: exports are personal data in bulk)."""
    api = APIRouter(tags=["transfer"], responses=ERRORS)
    run = runner(state)
    manager = needs(state, "manager")

    @api.get("/transfer/export")
    async def export(
        c: Caller = manager,
        fmt: Annotated[ExportFormat, Query(alias="format")] = "xlsx",
        version: Annotated[str, Query(pattern=r"^(3\.0|4\.0)$")] = "3.0",
        sheets: Annotated[str, Query(max_length=64)] = "notes,orders",
    ) -> Response:
        """Every customer as one file (.xlsx with extra sheets, .csv, or vCards); audited."""
        wanted = [s for s in sheets.split(",") if s]
        if set(wanted) - set(EXPORT_SHEETS):
            raise HTTPException(422, f"sheets: any of {', '.join(EXPORT_SHEETS)}")
        data, count = await run(transfer.export_bytes, c.actor, fmt, version, wanted)
        stamp = dt.date.today().strftime("%Y%m%d")
        name = f"ringdesk-customers-{stamp}.{fmt}"
        headers = {
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Ringdesk-Customers": str(count),
        }
        return Response(data, media_type=_MEDIA[fmt], headers=headers)

    @api.post("/transfer/preview")
    async def preview(request: Request, name: Name, _: Caller = manager) -> ImportPreview:
        """The uploaded file's columns with the field guessed for each (nothing is written)."""
        data = await _upload(request)
        result: ImportPreview = await run(transfer.preview, name, data)
        return result

    @api.post("/transfer/import", response_class=StreamingResponse)
    async def import_(
        request: Request,
        name: Name,
        c: Caller = manager,
        field: Annotated[list[str] | None, Query(max_length=500)] = None,
        region: Annotated[str, Query(pattern=r"^[A-Za-z]{2}$")] = "JP",
        good_only: bool = False,
        dry_run: bool = False,
    ) -> StreamingResponse:
        """Import the uploaded file with one field per column (none given: as guessed). The
        answer is JSON lines (ImportProgress): progress as rows are checked, then the result,
        or an error (nothing imported)."""
        data = await _upload(request)
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[ImportProgress] = asyncio.Queue()

        def progress(done: int, total: int) -> None:
            loop.call_soon_threadsafe(lines.put_nowait, ImportProgress(done=done, total=total))

        async def work() -> None:
            try:
                result = await run(
                    transfer.run_import,
                    c.actor,
                    name,
                    data,
                    mapping=field or (),
                    region=region,
                    good_only=good_only,
                    dry_run=dry_run,
                    progress=progress,
                )
                await lines.put(ImportProgress(result=result))
            except InvalidInput as exc:
                await lines.put(ImportProgress(error=str(exc)))
            except Exception as exc:  # the stream must end (the log names the kind, no data)
                log.error("import failed: %s", type(exc).__name__)
                await lines.put(ImportProgress(error=FAILED))

        task = asyncio.create_task(work())

        async def stream() -> AsyncIterator[bytes]:
            while True:
                line = await lines.get()
                yield (line.model_dump_json() + "\n").encode()
                if line.result is not None or line.error:
                    break
            await task

        return StreamingResponse(stream(), media_type="application/x-ndjson")

    return api
