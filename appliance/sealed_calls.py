"""The call store of a locked box: each call sealed to the vault's inbox (merged at unlock);
desks get a pop with the raw caller ID and `locked` set."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import datetime, time

from appliance.contract import CallOut, PopOut
from appliance.core.calls.machine import Transition
from appliance.core.calls.reasons import reason_words
from appliance.core.calls.router import Announce
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession


class SealedCallStore:
    """CallStore while the box is locked: one sealed inbox record per call, negative ids (no
    call row exists yet to number it); the sealing runs off the event loop."""

    def __init__(self, session: VaultSession, is_open: Callable[[time], bool]) -> None:
        self.session = session
        self.is_open = is_open
        self._ids = itertools.count(1)
        self._sealed: set[int] = set()
        self.started_at: dict[int, datetime] = {}  # sealed call -> the start time in its record

    async def started(self, t: Transition) -> int:
        """A provisional id; nothing is written until the call is identified or missed."""
        return -next(self._ids)

    async def identified(self, call_id: int, t: Transition, announce: Announce) -> PopOut:
        """Seal the call, then announce its pop (the raw caller ID): a power cut must not lose
        a call a desk has seen."""
        cid = t.caller
        assert cid is not None
        reason = cid.reason.value if cid.reason else None
        await asyncio.to_thread(
            self._seal,
            call_id,
            t,
            number=cid.number or "",
            raw="\n".join(cid.raw),
            standard=cid.standard.value,
            name=cid.name or "",
            reason=reason,
        )
        pop = PopOut(
            call_id=call_id,
            line=t.line,
            at=t.at,
            number=cid.number,
            number_display=cid.number,
            cid_name=cid.name,
            reason=reason,
            reason_ja=reason_words(reason, "ja"),
            reason_en=reason_words(reason, "en"),
            locked=True,
            after_hours=not self.is_open(t.at.time()),
        )
        announce(pop)
        return pop

    async def progressed(self, call_id: int, t: Transition) -> CallOut:
        """A call that ends without caller ID is still sealed, so the call log has it."""
        if t.kind in ("missed", "ended") and call_id not in self._sealed:
            await asyncio.to_thread(
                self._seal, call_id, t, number="", raw="", standard="", name="", reason=None
            )
        if t.kind in ("missed", "ended"):
            self._sealed.discard(call_id)
            self.started_at.pop(call_id, None)
        return CallOut(
            id=call_id,
            line=t.line,
            direction="in",
            state=t.kind,
            started_at=t.at,
            missed=t.kind == "missed",
            event=t.kind,
        )

    def _seal(
        self,
        call_id: int,
        t: Transition,
        *,
        number: str,
        raw: str,
        standard: str,
        name: str,
        reason: str | None,
    ) -> None:
        payload = call_payload(
            t.line,
            number=number,
            started_at=t.at.astimezone(),
            raw_cid=raw,
            standard=standard,
            caller_name=name,
            reason=reason,
        )
        self.session.seal(CALL, payload)
        self._sealed.add(call_id)
        self.started_at[call_id] = t.at
