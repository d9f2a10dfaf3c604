"""The database side of the call flow: call rows, caller lookup, callbacks and the pop."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from appliance.contract.calls import CallOut
from appliance.contract.pop import PopOut
from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.blocklist import blocked_by_keys
from appliance.core.calls.machine import Transition
from appliance.core.calls.number import CallNumber, parse_caller
from appliance.core.calls.pop_card import card
from appliance.core.calls.progress import call_progress
from appliance.core.calls.reasons import reason_words
from appliance.core.clock import as_stored
from appliance.core.errors import NotFound
from appliance.core.lookup import callers_by_keys
from appliance.db.models import Call, database_proxy
from appliance.db.models.base import utcnow

ACTOR = Actor.system("call-flow")
_SET_CALLER = (
    'UPDATE "call" SET raw_cid = ?, standard = ?, number = ?, number_e164 = ?, '
    "number_national = ?, caller_name = ?, reason = ?, customer_id = COALESCE(?, customer_id), "
    "direction = ?, updated_at = ? WHERE id = ?"
)


def _always_open(at: time) -> bool:
    return True


class DbCallRecords:
    """The box database's side of a call; every method runs on the db thread, in the
    transaction of a CommitGroup batch."""

    def __init__(
        self,
        region: str = "JP",
        *,
        missed_callbacks: bool = True,
        is_open: Callable[[time], bool] = _always_open,
        language: str = "ja",
    ) -> None:
        self.region = region
        self.language = language  # of the titles of callbacks the box makes
        self.missed_callbacks = missed_callbacks
        self.is_open = is_open  # office hours: a pop outside them says so
        self._numbers: dict[int, CallNumber] = {}  # call id -> its number, while it lasts

    def call_started(self, t: Transition) -> int:
        """Write the call row at its first event, so a power cut never loses a call."""
        with database_proxy.atomic():
            call = Call.create(line=t.line, started_at=_naive(t.at), state="ringing")
            audit.record(ACTOR, "call", call.id, "create", after={"line": t.line})
        return int(call.id)

    def call_identified(
        self, call_id: int, t: Transition, announce: Callable[[PopOut], None] | None = None
    ) -> PopOut:
        """Store the caller ID, attach the customer when unique, and build the pop; hand it to
        `announce` before the batch commits."""
        cid = t.caller
        assert cid is not None
        number = self._numbers[call_id] = parse_caller(cid.number, self.region)
        customers = callers_by_keys(number.keys) if number.keys else []
        blocked = bool(number.keys) and blocked_by_keys(number.keys)
        reason = cid.reason.value if cid.reason else None
        cards = [card(_rows, c, exclude_call=call_id) for c in customers]
        pop = PopOut(
            call_id=call_id,
            line=t.line,
            at=t.at,
            number=number.sent or None,
            number_display=number.display,
            cid_name=cid.name,
            reason=reason,
            reason_ja=reason_words(reason, "ja"),
            reason_en=reason_words(reason, "en"),
            customers=cards,
            shared=len(cards) > 1,
            blocked_number=blocked or any(c.blocked for c in customers),
            after_hours=not self.is_open(t.at.time()),
        )
        # The pop goes out now, before its caller ID is written and committed (a commit waits
        # milliseconds for the disk). No desk can act on a call the box could still lose: the
        # call's row was committed at its first event (the router awaits call_started), so the
        # id in the pop always names a call on disk; and every desk action on the box (claim,
        # hand-off, attach, a note, even reading the call) is a job on this one database
        # thread, so it runs after this commit. A crash before it loses only the caller-ID
        # columns of a call that stays in the log.
        if announce is not None:
            announce(pop)
        with database_proxy.atomic():
            # one UPDATE of the caller-ID columns: the hot path skips reading the row back
            changed = database_proxy.execute_sql(
                _SET_CALLER,
                (
                    "\n".join(cid.raw),
                    cid.standard.value,
                    number.sent,
                    number.e164,
                    number.national,
                    cid.name or "",
                    cid.reason.value if cid.reason else None,
                    int(customers[0].id) if len(customers) == 1 else None,
                    cid.direction.value,
                    utcnow(),
                    call_id,
                ),
            ).rowcount
            if not changed:
                raise NotFound(f"call {call_id} is not in the database")
            # every committed change has its audit row: the desks' change stream follows them
            audit.record(
                ACTOR, "call", call_id, "caller_id", None, {"identified": len(customers) == 1}
            )
        return pop

    def call_progress(self, call_id: int, t: Transition) -> CallOut:
        """Answered / ended / missed on the call row (a missed call folds into its number's
        callback); returns the call as stored."""
        number = self._numbers.get(call_id)
        if t.kind in ("missed", "ended"):
            self._numbers.pop(call_id, None)
        with database_proxy.atomic():
            return call_progress(
                call_id,
                t,
                number.display if number else None,
                missed_callbacks=self.missed_callbacks,
                language=self.language,
            )


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(database_proxy.execute_sql(sql, params).fetchall())


def _naive(at: datetime) -> datetime:
    return as_stored(at)
