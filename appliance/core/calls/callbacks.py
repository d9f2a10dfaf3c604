"""Callbacks made by missed calls (db thread): one open callback per number, folding every
missed call from it, closed by itself when a later call from that number is answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.core.normalize import display_phone
from appliance.core.settings import default_region
from appliance.db.models import Task, database_proxy
from appliance.db.models.base import utcnow

ACTOR = Actor.system("call-flow")
TITLES = {"ja": "不在着信 {who}", "en": "Missed call {who}"}
LEGACY_TITLE = "不在着信 / missed call:"  # both languages in one title, before one-language titles
# open callbacks that missed calls made, by the number of the call they began with
_OPEN_FOR_NUMBER = (
    'SELECT t.id FROM "task" AS t JOIN "call" AS c ON t.call_id = c.id '
    "WHERE t.kind = 'callback' AND t.state = 'open' AND t.deleted_at IS NULL "
    "AND t.missed_count > 0 AND (c.number_e164 = ? OR (c.number_e164 IS NULL AND c.number = ?)) "
    "ORDER BY t.id"
)


@dataclass(frozen=True)
class MissedCall:
    """What a missed call leaves for its callback."""

    call_id: int
    number: str  # as the line sent it ("" when withheld or unavailable)
    number_e164: str | None
    number_display: str | None  # as the pop shows it
    caller_name: str
    customer_id: int | None
    at: datetime  # naive UTC


def title(language: str, number_display: str, caller_name: str = "") -> str:
    """A missed call's callback title in one language, the number as the pop shows it."""
    who = " ".join(x for x in (number_display, caller_name) if x)
    return TITLES.get(language, TITLES["ja"]).format(who=who).strip()


def caller_of(reason: str) -> str:
    """Who rang, from a missed-call callback's title in any of its wordings (for the desk to
    word it in its own language)."""
    for prefix in (LEGACY_TITLE, *(t.replace("{who}", "") for t in TITLES.values())):
        if reason.startswith(prefix.rstrip()):
            return reason[len(prefix.rstrip()) :].strip()
    return reason


def open_for_number(number: str, number_e164: str | None) -> list[int]:
    """Ids of the open missed-call callbacks of this number (oldest first)."""
    if not number and not number_e164:
        return []
    rows = database_proxy.execute_sql(_OPEN_FOR_NUMBER, (number_e164 or "", number))
    return [int(r[0]) for r in rows.fetchall()]


def fold_missed(missed: MissedCall, language: str) -> int | None:
    """The number's open callback counts one more missed call, or a new one is made; None for
    a caller who sent no number (withheld, payphone, unavailable: nobody to call back)."""
    if not missed.number:
        return None
    found = open_for_number(missed.number, missed.number_e164)
    if found:
        task_id = found[0]
        Task.update(
            missed_count=Task.missed_count + 1,
            last_missed_at=missed.at,
            customer=fn.COALESCE(Task.customer, missed.customer_id),
            updated_at=utcnow(),
            version=Task.version + 1,
        ).where(Task.id == task_id).execute()
        audit.record(ACTOR, "task", task_id, "fold", None, {"call": missed.call_id})
        return task_id
    task = Task.create(
        kind="callback",
        customer=missed.customer_id,
        call=missed.call_id,
        due_at=missed.at,
        reason=title(language, _display(missed), missed.caller_name),
        missed_count=1,
        last_missed_at=missed.at,
    )
    audit.record(
        ACTOR, "task", task.id, "create", after={"call": missed.call_id, "kind": "callback"}
    )
    return int(task.id)


def _display(missed: MissedCall) -> str:
    if missed.number_display:
        return missed.number_display
    if missed.number_e164:
        return display_phone(missed.number_e164, default_region())
    return missed.number


def close_served(number: str, number_e164: str | None, call_id: int) -> list[int]:
    """A call from this number was answered: its open missed-call callbacks are done."""
    served = open_for_number(number, number_e164)
    if not served:
        return []
    now = utcnow()
    Task.update(state="done", done_at=now, updated_at=now, version=Task.version + 1).where(
        Task.id.in_(served)
    ).execute()
    for task_id in served:
        audit.record(ACTOR, "task", task_id, "served", None, {"call": call_id})
    return served
