"""The box's print routes as the desk calls them: jobs, printers, reprints, a test print."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from appliance.contract.printing import PrinterOut, PrintJobOut
from tui.client.box_client import BoxClient


async def print_jobs(
    client: BoxClient, limit: int = 100, order_id: int | None = None
) -> list[PrintJobOut]:
    """The newest print jobs first (one order's when given)."""
    params: dict[str, Any] = {"limit": limit}
    if order_id is not None:
        params["order_id"] = order_id
    return await client.call(list[PrintJobOut], "GET", "/print/jobs", params=params)


async def printers(client: BoxClient) -> list[PrinterOut]:
    """The box's printers, each with its problem and waiting jobs."""
    return await client.call(list[PrinterOut], "GET", "/print/printers")


async def reprint(client: BoxClient, job_id: int) -> PrintJobOut:
    """Print one job's slip again (marked 再発行)."""
    return await client.call(PrintJobOut, "POST", f"/print/jobs/{job_id}/reprint")


async def reprint_order(
    client: BoxClient, order_id: int, kind: str | None = None
) -> list[PrintJobOut]:
    """Print an order's latest kitchen ticket and delivery slip (or only `kind`) again."""
    params = {"kind": kind} if kind else None
    return await client.call(
        list[PrintJobOut], "POST", f"/orders/{order_id}/reprint", params=params
    )


async def print_test_slip(client: BoxClient, printer: str, lang: str = "ja") -> PrintJobOut:
    """A test slip on the printer."""
    return await client.call(
        PrintJobOut,
        "POST",
        f"/print/printers/{quote(printer, safe='')}/test",
        params={"lang": lang},
    )
