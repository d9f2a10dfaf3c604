"""The card of DESIGN §2 as the pop shows it: who, flags, pinned notes, orders, callbacks."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from appliance.contract import PopCustomerOut, PopOut
from tui.format import caller, kind_words, local, money, outcome_words
from tui.i18n import language, t
from tui.marks import mark
from tui.state import LiveCall
from tui.widgets.rank_badge import rank_badge


def _flags(c: PopCustomerOut) -> Text:
    out = Text()
    for on, label, style in (
        (c.vip, "flag.vip", "bold black on gold1"),
        (c.caution, "flag.caution", "bold white on dark_orange3"),
        (c.blocked, "flag.blocked", "bold white on red3"),
    ):
        if on:
            out.append(f" {t(label)} ", style=style).append(" ")
    return out.append_text(rank_badge(c.rank, c.rfm))


def customer_card(c: PopCustomerOut) -> RenderableType:
    """One matched customer, everything needed before saying hello."""
    head = Text(c.display_name, style="bold")
    if c.reading:
        head.append(f"  ({c.reading})", style="dim")
    if c.company:
        head.append(f"  {c.company}")
    parts: list[RenderableType] = [head, _flags(c)]
    if c.address:
        parts.append(Text(c.address))
    if c.delivery_notes:
        parts.append(Text(f"{t('card.delivery')}: {c.delivery_notes}", style="italic"))
    if c.card_exchanged_on or c.card_exchanged_where:
        on = c.card_exchanged_on.isoformat() if c.card_exchanged_on else ""
        where = c.card_exchanged_where or ""
        parts.append(Text(t("bizcard.exchanged", on=on, where=where).rstrip(), style="green"))
    last = local(c.last_call_at) if c.last_call_at else "—"
    parts.append(Text(t("pop.calls", count=c.call_count, last=last), style="dim"))
    for note in c.pinned_notes:
        parts.append(Text(f"{mark('pin')} {note.body}", style="bold yellow"))
    if c.usual:
        usual = "、".join(c.usual) if language() == "ja" else ", ".join(c.usual)
        parts.append(Text(f"{mark('order')} {t('order.usual')} [u]: {usual}", style="bold green"))
    for order in c.last_orders[:3]:
        items = "、".join(order.items) if language() == "ja" else ", ".join(order.items)
        parts.append(Text(f"{mark('order')} {local(order.at)}  {money(order.total)}  {items}"))
    for task in c.open_tasks:
        who = f" → {task.assignee}" if task.assignee else ""
        title = task.reason
        if task.missed_from is not None:
            title = t("board.missed_call", who=task.missed_from).strip()
        parts.append(Text(f"{mark('task')} {local(task.due)}  {title}{who}", style="cyan"))
    for past in c.recent[:5]:
        by = f" ({past.handled_by})" if past.handled_by else ""
        said = outcome_words(past.summary) if past.kind == "call" else past.summary
        parts.append(Text(f"· {local(past.at)} {kind_words(past.kind)} {said}{by}", style="dim"))
    return Group(*parts)


def pop_header(live: LiveCall) -> Text:
    """Line, number (or reason), state and who took it."""
    pop: PopOut = live.pop
    out = Text(t("pop.title", line=pop.line), style="bold")
    out.append(f"   {caller(pop)}", style="bold")
    if pop.cid_name:
        out.append(f"  {pop.cid_name}")
    if live.claimed_by_me:
        out.append(f"   {t('pop.claimed_me')}", style="bold green")
    elif live.claimed_by:
        out.append(f"   {t('pop.claimed_by', who=live.claimed_by)}", style="bold magenta")
    marks = (
        (pop.blocked_number, "pop.blocked_number"),
        (pop.after_hours, "pop.after_hours"),
        (pop.locked, "box.locked"),
    )
    for on, label in marks:
        if on:
            out.append(f"   [{t(label)}]", style="red")
    return out


def pop_body(live: LiveCall) -> RenderableType:
    """The card, a note for an unknown or absent number, or the shared-number hint."""
    pop = live.pop
    if not pop.customers and not (pop.number or pop.number_display):
        return Text(t("pop.no_number_hint"), style="bold")  # withheld: "unknown number" misleads
    if not pop.customers:
        return Text(t("pop.unknown"), style="bold")
    if len(pop.customers) > 1 and live.customer_id is None:
        return Text(t("pop.shared"), style="bold")
    chosen = next((c for c in pop.customers if c.customer_id == live.customer_id), pop.customers[0])
    return customer_card(chosen)
