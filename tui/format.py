"""Text for the desk: money, times, wide-character padding, one-line event summaries."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from rich.cells import cell_len

from appliance.contract import CallOut, Event, PopOut, TaskOut
from tui.i18n import CATALOGUE, language, t

CURRENCY_SIGN = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}
MINOR_DIGITS = {"JPY": 0}


def money(amount: int, currency: str = "JPY") -> str:
    """Minor units as text: ¥1,200 / $12.50."""
    sign = CURRENCY_SIGN.get(currency, currency + " ")
    digits = MINOR_DIGITS.get(currency, 2)
    if digits == 0:
        return f"{sign}{amount:,}"
    return f"{sign}{amount / 10**digits:,.{digits}f}"


def local(when: dt.datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    """A box timestamp (UTC) in the desk's local time."""
    if when is None:
        return "—"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime(fmt)


def duration(seconds: float) -> str:
    """m:ss (h:mm:ss past an hour)."""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def task_title(task: TaskOut) -> str:
    """A task's title in the desk's language; a callback folding several missed calls says
    how many and when the last one rang."""
    title = task.reason
    if task.missed_from is not None:
        title = t("board.missed_call", who=task.missed_from).strip()
    if task.missed_count > 1 and task.last_missed_at is not None:
        last = local(task.last_missed_at, "%H:%M")
        return f"{title} {t('board.folded', n=task.missed_count, at=last)}"
    return title


def pad(text: str, cells: int) -> str:
    """Pad or cut to exactly `cells` terminal cells (full-width characters count two)."""
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells:
            break
        out, used = out + ch, used + w
    return out + " " * (cells - used)


def call_number(call: CallOut) -> str:
    """A call's number as people write it (the digits the line sent when it has no other)."""
    return call.number_display or call.number or "—"


def caller(pop: PopOut) -> str:
    """The number (or the reason in words) as the pop shows it."""
    if pop.number_display or pop.number:
        return pop.number_display or pop.number or ""
    reason = pop.reason_ja if language() == "ja" else pop.reason_en
    return reason or pop.reason or t("pop.withheld")


def flags(vip: bool, caution: bool, blocked: bool) -> str:
    """Flag words, e.g. '[VIP] [要注意]'."""
    words = [
        t(k)
        for k, on in (("flag.vip", vip), ("flag.caution", caution), ("flag.blocked", blocked))
        if on
    ]
    return " ".join(f"[{w}]" for w in words)


def pop_line(pop: PopOut) -> str:
    """One line for a pop: line, caller, who it is."""
    if not pop.customers:
        who = pop.cid_name or t("pop.unknown")
    elif len(pop.customers) > 1:
        who = " | ".join(c.display_name for c in pop.customers)
    else:
        c = pop.customers[0]
        who = " ".join(
            x for x in (c.display_name, c.company or "", flags(c.vip, c.caution, c.blocked)) if x
        )
    extra = " ".join(
        x
        for x in (
            t("pop.blocked_number") if pop.blocked_number else "",
            t("pop.after_hours") if pop.after_hours else "",
            t("box.locked") if pop.locked else "",
        )
        if x
    )
    return f"{t('col.line')} {pop.line}  {caller(pop)}  {who}" + (f"  ({extra})" if extra else "")


def call_line(call: CallOut) -> str:
    """One line for a call state change."""
    key = f"call.state.{call.state}"
    state = t(key) if key in CATALOGUE else call.state
    who = call.user_name or call.desk_name or ""
    name = call.customer_name or call.caller_name or ""
    event = ""
    if call.event and call.event != call.state:  # "missed" on a missed call says nothing more
        key = f"call.event.{call.event}"
        event = f" {t(key) if key in CATALOGUE else call.event}"
    return f"{t('col.line')} {call.line}  {call_number(call)}  {name}  {state}{event}" + (
        f"  {who}" if who else ""
    )


def event_line(event: Event) -> str | None:
    """A line of text for the events people care about (pop, call, callback_due), else None."""
    try:
        if event.kind == "pop":
            return f"pop   {pop_line(PopOut.model_validate(event.data))}"
        if event.kind == "call":
            return f"call  {call_line(CallOut.model_validate(event.data))}"
        if event.kind == "callback_due":
            task = TaskOut.model_validate(event.data)
            who = task.customer_name or "—"
            return "due   " + t("callback.due_now", who=who, reason=task.reason)
    except ValidationError as exc:
        return f"{event.kind}  ? ({exc.error_count()} invalid fields)"
    return None


def kind_words(kind: str) -> str:
    """A contact's or timeline row's kind in words (a kind the desk does not know, as named)."""
    key = f"ia.kind.{kind}"
    return t(key) if key in CATALOGUE else kind


def outcome_words(outcome: str) -> str:
    """How a call went (its disposition, else its state) in words."""
    for key in (f"disp.{outcome}", f"call.state.{outcome}"):
        if key in CATALOGUE:
            return t(key)
    return outcome


def call_state(state: str) -> str:
    """A call state in words."""
    key = f"call.state.{state}"
    return t(key) if key in CATALOGUE else state


def order_status(status: str) -> str:
    """An order's status in words (one the desk does not know, as named)."""
    key = f"order.status.{status}"
    return t(key) if key in CATALOGUE else status


def task_state(state: str) -> str:
    """A task's state in words."""
    key = f"task.state.{state}"
    return t(key) if key in CATALOGUE else state
