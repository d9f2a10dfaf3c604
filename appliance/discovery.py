"""zeroconf advertisement of `_ringdesk._tcp` and a browse helper for desks (hints, never trust)."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

SERVICE_TYPE = "_ringdesk._tcp.local."


@dataclass(frozen=True)
class BoxAd:
    """What a box says about itself on the LAN."""

    name: str
    host: str
    port: int
    fingerprint: str
    locked: bool


def _info(ad: BoxAd) -> AsyncServiceInfo:
    props = {"fp": ad.fingerprint, "locked": "1" if ad.locked else "0", "v": "1"}
    return AsyncServiceInfo(
        SERVICE_TYPE,
        f"{ad.name}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton(ad.host)],
        port=ad.port,
        properties=props,
        server=f"{ad.name}.local.",
    )


def _parse(info: AsyncServiceInfo) -> BoxAd | None:
    props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
    addrs = info.parsed_addresses(IPVersion.V4Only)
    if not addrs or info.port is None or len(props.get("fp", "")) != 64:
        return None
    name = info.name.removesuffix("." + SERVICE_TYPE)
    return BoxAd(name, addrs[0], info.port, props["fp"], props.get("locked") == "1")


class Advertiser:
    """Registers the box while running; `update(locked=...)` re-announces; stop() withdraws."""

    def __init__(self, ad: BoxAd, interfaces: list[str] | None = None) -> None:
        self.ad = ad
        self._interfaces = interfaces
        self._zc: AsyncZeroconf | None = None
        self._info: AsyncServiceInfo | None = None

    async def start(self) -> None:
        """Announce the box."""
        self._zc = AsyncZeroconf(interfaces=self._interfaces or ["0.0.0.0"])
        self._info = _info(self.ad)
        # a second box of the same name on the LAN (both left at the default "Ringdesk", or a
        # demo beside a box) is announced as "NAME (2)" instead of stopping this box's start
        await self._zc.async_register_service(self._info, allow_name_change=True)

    async def update(self, *, locked: bool) -> None:
        """Re-announce with a new locked/unlocked state."""
        assert self._zc is not None, "start() first"
        self.ad = BoxAd(self.ad.name, self.ad.host, self.ad.port, self.ad.fingerprint, locked)
        self._info = _info(self.ad)
        await self._zc.async_update_service(self._info)

    async def stop(self) -> None:
        """Withdraw the advertisement (goodbye packets) and close."""
        if self._zc is None:
            return
        if self._info is not None:
            await self._zc.async_unregister_service(self._info)
        await self._zc.async_close()
        self._zc = None


async def browse(
    timeout_s: float = 3.0, interfaces: list[str] | None = None, want: int = 1
) -> list[BoxAd]:
    """Boxes seen on the LAN within timeout_s (returns early once `want` are found)."""
    azc = AsyncZeroconf(interfaces=interfaces or ["0.0.0.0"])
    names: asyncio.Queue[str] = asyncio.Queue()

    def changed(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is not ServiceStateChange.Removed:
            names.put_nowait(name)

    browser = AsyncServiceBrowser(azc.zeroconf, SERVICE_TYPE, handlers=[changed])
    found: dict[str, BoxAd] = {}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    try:
        while len(found) < want and (left := deadline - loop.time()) > 0:
            try:
                name = await asyncio.wait_for(names.get(), left)
            except TimeoutError:
                break
            info = AsyncServiceInfo(SERVICE_TYPE, name)
            if await info.async_request(azc.zeroconf, 1000):
                ad = _parse(info)
                if ad is not None:
                    found[name] = ad
    finally:
        await browser.async_cancel()
        await azc.async_close()
    return list(found.values())
