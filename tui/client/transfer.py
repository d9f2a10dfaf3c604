"""The box's transfer routes as the desk calls them: export a file, preview and import one."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from appliance.contract.transfer import ImportPreview, ImportProgress, ImportResult
from tui.client.box_client import BoxClient
from tui.client.errors import DeskError

Progress = Callable[[int, int], None]


def format_of(path: Path) -> str:
    """The export format a file name asks for: xlsx, csv or vcf."""
    suffix = path.suffix.lower().lstrip(".")
    return {"vcard": "vcf"}.get(suffix, suffix)


async def export_to(
    client: BoxClient, out: Path, *, version: str = "3.0", sheets: Sequence[str] = ()
) -> Path:
    """Save every customer at out (.xlsx, .csv or .vcf; manager/admin; the box audits it),
    readable by this user only; a failed download leaves no half file under the real name."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    params = {"format": format_of(out), "version": version, "sheets": ",".join(sheets)}
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            async for block in client.stream_bytes("/transfer/export", params=params):
                fh.write(block)
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return out


async def preview(client: BoxClient, path: Path) -> ImportPreview:
    """The box's reading of the file: columns, the field guessed for each, samples."""
    data = await asyncio.to_thread(path.read_bytes)
    lines = [
        x async for x in client.post_lines("/transfer/preview", data, params={"name": path.name})
    ]
    return ImportPreview.model_validate(json.loads("".join(lines)))


async def import_file(
    client: BoxClient,
    path: Path,
    mapping: Sequence[str],
    *,
    good_only: bool = False,
    dry_run: bool = False,
    region: str = "JP",
    progress: Progress | None = None,
) -> ImportResult:
    """Import the file with this mapping; progress(done, total) as the box checks rows."""
    data = await asyncio.to_thread(path.read_bytes)
    params = {
        "name": path.name,
        "field": list(mapping),
        "good_only": str(good_only).lower(),
        "dry_run": str(dry_run).lower(),
        "region": region,
    }
    async for line in client.post_lines("/transfer/import", data, params=params):
        step = ImportProgress.model_validate_json(line)
        if step.error:
            raise DeskError(step.error)
        if step.result is not None:
            return step.result
        if progress is not None:
            progress(step.done, step.total)
    raise DeskError("取り込みの結果が届きませんでした / the import's result never came")
