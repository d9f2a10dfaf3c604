"""Finding boxes on the LAN: browse zeroconf `_ringdesk._tcp` (answers are hints, never trust)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

SERVICE = "_ringdesk._tcp.local."


@dataclass(frozen=True)
class SeenBox:
    """One box as it announced itself; the fingerprint is checked again by pairing."""

    name: str
    host: str
    port: int
    fingerprint: str
    locked: bool

    @property
    def address(self) -> str:
        """host:port."""
        return f"{self.host}:{self.port}"


def _seen(info: AsyncServiceInfo) -> SeenBox | None:
    """A box from a resolved service, or None when its record is not a box's."""
    txt = {
        k.decode(errors="replace"): (v or b"").decode(errors="replace")
        for k, v in info.properties.items()
    }
    hosts = info.parsed_addresses(IPVersion.V4Only)
    fp = txt.get("fp", "")
    if not hosts or not info.port or len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
        return None
    return SeenBox(
        info.name.removesuffix("." + SERVICE), hosts[0], info.port, fp, txt.get("locked") == "1"
    )


async def find_boxes(
    wait_s: float = 3.0, *, interfaces: list[str] | None = None, enough: int = 0
) -> list[SeenBox]:
    """Boxes heard within wait_s; returns early once `enough` (if > 0) are known."""
    zc = AsyncZeroconf(interfaces=interfaces or ["0.0.0.0"])
    heard: asyncio.Queue[str] = asyncio.Queue()

    def on_change(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
            heard.put_nowait(name)

    browser = AsyncServiceBrowser(zc.zeroconf, SERVICE, handlers=[on_change])
    boxes: dict[str, SeenBox] = {}
    loop = asyncio.get_running_loop()
    end = loop.time() + wait_s
    try:
        while not (enough and len(boxes) >= enough):
            left = end - loop.time()
            if left <= 0:
                break
            try:
                name = await asyncio.wait_for(heard.get(), left)
            except TimeoutError:
                break
            info = AsyncServiceInfo(SERVICE, name)
            if await info.async_request(zc.zeroconf, 1500) and (box := _seen(info)) is not None:
                boxes[name] = box
    finally:
        await browser.async_cancel()
        await zc.async_close()
    return sorted(boxes.values(), key=lambda b: b.name)
