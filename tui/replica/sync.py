"""Keeping the desk replica in step: a full copy once, then every change after its seq.

The follower pulls GET /changes?since=SEQ every `interval_s` (and at once when woken by a
`change` event); while the box is unreachable it keeps what it has and tries again."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from tui.client.errors import BoxUnreachableError, DeskError
from tui.replica.store import Replica, ReplicaError

INTERVAL_S = 1.0
PAGE = 500


class Requester(Protocol):
    """What the follower needs from the box client (BoxClient.request)."""

    async def request(
        self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None
    ) -> Any: ...


@dataclass
class FollowState:
    """Where the follower stands: reachable or not, and the last error shown."""

    reachable: bool = False
    error: str = ""


async def copy_all(box: Requester, replica: Replica) -> int:
    """The first full copy: every replicated table, paged; returns the seq it stands at."""
    listing = await box.request("GET", "/changes/tables")
    seq = int(listing["head"])  # changes after this fix up whatever moved during the copy
    await asyncio.to_thread(replica.clear)  # rows of a broken-off copy may be gone by now
    for table in listing["tables"]:
        after = 0
        while True:
            page = await box.request(
                "GET", f"/changes/table/{table}", params={"after": after, "limit": PAGE}
            )
            await asyncio.to_thread(replica.load_page, page["rows"], seq)
            if page["next"] is None:
                break
            after = int(page["next"])
    await asyncio.to_thread(replica.finish_copy, seq)
    return seq


async def pull(box: Requester, replica: Replica) -> int:
    """Apply every change the box has after the replica's seq; returns how many were new."""
    if not replica.complete:
        await copy_all(box, replica)
    new = 0
    while True:
        page = await box.request("GET", "/changes", params={"since": replica.seq, "limit": PAGE})
        new += await asyncio.to_thread(replica.apply, page)
        if not page["more"]:
            break
    if not new:
        await asyncio.to_thread(replica.touch)
    return new


class Follower:
    """The long-lived task that keeps one replica in step with the box."""

    def __init__(
        self,
        box: Requester,
        replica: Replica,
        *,
        interval_s: float = INTERVAL_S,
        on_change: Callable[[FollowState], None] | None = None,
        wake: asyncio.Event | None = None,
    ) -> None:
        self.box, self.replica, self.interval_s = box, replica, interval_s
        self.state = FollowState()
        self.on_change = on_change
        self._wake = wake if wake is not None else asyncio.Event()

    def wake(self) -> None:
        """Pull now (a `change` event arrived)."""
        self._wake.set()

    def _set(self, reachable: bool, error: str = "") -> None:
        if (reachable, error) != (self.state.reachable, self.state.error):
            self.state = FollowState(reachable, error)
            if self.on_change is not None:
                self.on_change(self.state)

    async def run(self) -> None:
        """Pull for ever; unreachable or refused, wait and try again (nothing is dropped)."""
        while True:
            self._wake.clear()  # a `change` arriving during the pull wakes the next one
            try:
                await pull(self.box, self.replica)
                self._set(True)
            except BoxUnreachableError as exc:
                self._set(False, str(exc))
            except (DeskError, ReplicaError) as exc:  # logged out, locked box: it waits as it is
                self._set(True, str(exc))
            except (KeyError, TypeError, ValueError) as exc:  # a page this desk cannot read
                self._set(True, f"{type(exc).__name__}: {exc}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
