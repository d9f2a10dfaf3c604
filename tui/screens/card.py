"""The customer card: profile edited in place, contacts, pinned notes, history, orders, tasks."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from appliance.contract import (
    CustomerCard,
    CustomerIn,
    CustomerPatch,
    CustomerSummary,
    InteractionIn,
    NoteIn,
    PhoneIn,
    RecordingOut,
    TaskIn,
)
from appliance.contract.custom_fields import CustomFieldOut
from tui.box_words import in_language
from tui.client.errors import ApiError, DeskError, StaleEditError
from tui.client.recordings import recordings_of
from tui.dialogs.interaction import InteractionDialog
from tui.dialogs.unsaved import close_or_ask
from tui.format import (
    duration,
    flags,
    kind_words,
    local,
    money,
    order_status,
    task_state,
    task_title,
)
from tui.i18n import t
from tui.keys import key
from tui.marks import mark
from tui.messages import CardLoaded
from tui.screens import card_custom as custom
from tui.screens import card_form as form
from tui.screens.base import DeskScreen
from tui.screens.card_contacts import (
    CONTACT_KEYS,
    CardContacts,
    ContactList,
    RemoveContact,
    show_contacts,
)
from tui.screens.card_history import timeline_rows
from tui.screens.card_recordings import (
    player_screen,
    recording_columns,
    show_recordings,
)
from tui.widgets.rank_badge import rank_badge
from tui.widgets.wraptable import fill_wrapped


class CustomerScreen(DeskScreen):
    """One customer (customer_id None: a new one, prefilled with the caller's number)."""

    # narrow (80 columns): the profile over the history; wide: side by side, two field columns
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-medium"), (170, "-wide")]  # noqa: RUF012

    BINDINGS = [  # noqa: RUF012
        key("ctrl+s", "save", "key.save", priority=True),
        key("ctrl+n,alt+n", "note", "key.note", priority=True),  # a browser keeps ctrl+n
        key("ctrl+o", "order", "key.order", priority=True),
        key("ctrl+b", "callback", "key.callback", priority=True),
        key("ctrl+t,alt+t", "interaction", "key.interaction", priority=True),  # and ctrl+t
        key("ctrl+g", "handoff", "key.handoff", priority=True),
        *CONTACT_KEYS,
        key("ctrl+r", "nps", "nps.key", priority=True),  # the customer's 0-10 after a call
        key("alt+x", "delete_customer", "key.delete_customer"),
        key("escape", "back", "key.close"),
    ]

    def __init__(
        self,
        customer_id: int | None,
        *,
        call_id: int | None = None,
        number: str | None = None,
        then: str | None = None,
    ) -> None:
        super().__init__()
        self.customer_id, self.call_id, self.number = customer_id, call_id, number
        self.then = then  # "address": the address dialog opens once the card is loaded
        self.contacts = CardContacts(self)
        self.card: CustomerCard | None = None
        self.base: dict[str, Any] = form.card_values({})
        self.defs: list[CustomFieldOut] = []  # the admin's custom fields, read with the card
        self.household: list[CustomerSummary] = []  # the others on this card's numbers
        self.opened_at = 0.0
        self.recordings: list[RecordingOut] = []
        self.after_close: Callable[[], object] | None = None

    def body(self) -> ComposeResult:
        """Profile on the left, history on the right."""
        with Horizontal(id="card"):
            with VerticalScroll(id="profile"):
                # who, flags, caution, address and pinned notes above the nine fields
                yield Static(t("card.loading") if self.customer_id else t("pop.new"), id="head")
                yield ContactList(id="contacts")
                yield Static(id="pinned")
                yield from form.form_widgets(self.number if self.customer_id is None else None)
                yield custom.CustomGrid(id="custom-grid")
            with TabbedContent(id="tabs"):
                with TabPane(t("card.timeline"), id="tab-timeline"):
                    yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
                with TabPane(t("card.orders"), id="tab-orders"):
                    yield DataTable(id="orders", cursor_type="row", zebra_stripes=True)
                with TabPane(t("card.tasks"), id="tab-tasks"):
                    yield DataTable(id="tasks", cursor_type="row", zebra_stripes=True)
                with TabPane(t("card.recordings"), id="tab-recordings"):
                    yield DataTable(id="recordings", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns; load the card."""
        super().on_mount()
        self.opened_at = self.desk.clock()
        if self.customer_id is not None:
            self.load()
        else:
            self.query_one("#f-display_name").focus()

    def prepare(self) -> None:
        """Table columns in the current language (the last one wraps: see fill_wrapped)."""
        self.query_one("#timeline", DataTable).add_columns(
            t("col.time"), t("col.kind"), t("col.who"), t("col.summary")
        )
        self.query_one("#orders", DataTable).add_columns(
            t("col.time"), t("order.line_total"), t("col.state"), t("col.summary")
        )
        self.query_one("#tasks", DataTable).add_columns(
            t("col.due"), t("col.who"), t("col.state"), t("col.reason")
        )
        recording_columns(self.query_one("#recordings", DataTable))

    def on_resize(self) -> None:
        """Wrapped columns follow the width."""
        if self.card is not None:
            self.call_after_refresh(self._tables, self.card)

    @work(exclusive=True, group="card")
    async def load(self) -> None:
        """GET /customers/{id}."""
        assert self.customer_id is not None
        try:
            card = await self.api.customer(self.customer_id)
        except DeskError as exc:
            self.fail(exc, "card")
            return
        with contextlib.suppress(DeskError):  # without them the card is whole, only shorter
            self.defs = await custom.field_defs(self.api)
        self.household = await self.contacts.household(card)
        self.post_message(CardLoaded(card))
        self.load_recordings()

    @work(exclusive=True, group="card-recordings")
    async def load_recordings(self) -> None:
        """GET /customers/{id}/recordings into the recordings tab."""
        assert self.customer_id is not None
        try:
            self.recordings = await recordings_of(self.api, self.customer_id)
        except DeskError as exc:
            self.fail(exc, "recordings")
            return
        show_recordings(self.query_one("#recordings", DataTable), self.recordings)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a recording opens its player."""
        row = event.row_key.value
        if row is None:
            return
        if event.data_table.id == "recordings":
            self.open_recording(int(row))
        elif event.data_table.id == "timeline" and row.startswith("recording:"):
            self.open_recording(int(row.split(":")[1]))
        elif event.data_table.id == "timeline":
            self.read_item(row)

    @work(group="card-read")
    async def read_item(self, row: str) -> None:
        """Enter on a history row: its whole text (a long note's too, which the card cuts)."""
        from tui.dialogs.fulltext import FullTextDialog

        if self.card is None:
            return
        kind, ref, index = row.split(":")
        item = self.card.timeline[int(index)]
        text = item.summary
        if kind == "note" and item.summary.endswith("…"):
            try:
                notes = await self.api.notes(self.card.id)
            except DeskError as exc:
                self.fail(exc, "notes")
                return
            text = next((n.body for n in notes if n.id == int(ref)), text)
        head = f"{local(item.at)}  {kind_words(item.kind)}  {item.by or ''}"
        self.app.push_screen(FullTextDialog(head, text))

    def open_recording(self, recording_id: int) -> None:
        """The player screen for one of this card's recordings."""
        found = [r for r in self.recordings if r.id == recording_id]
        if found:
            self.app.push_screen(player_screen(self.desk, found[0]))

    def on_card_loaded(self, message: CardLoaded) -> None:
        """Fill everything from the card (then open what the opener asked for)."""
        self.show(message.card)
        if self.then == "address":
            self.then = None
            self.contacts.dialog("address")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Contact keys only on a stored card; undo only with something to undo."""
        if action in ("add_contact", "delete_customer"):
            return self.card is not None
        if action == "undo_contact":
            return bool(self.contacts.removed)
        return super().check_action(action, parameters)

    def action_add_contact(self, kind: str) -> None:
        """Alt+D / Alt+M / Alt+A: a new phone, email or address."""
        if kind in ("phone", "email", "address"):
            self.contacts.dialog(kind)  # type: ignore[arg-type]

    def action_delete_customer(self) -> None:
        """Alt+X: delete this customer, asked once (Alt+U lists deleted ones to bring back)."""
        from tui.dialogs.confirm_delete import DeleteDialog

        card = self.card
        if card is None:
            return

        def decided(yes: object) -> None:
            if yes is True:
                self.delete_card(card.id, card.version, card.display_name)

        self.app.push_screen(DeleteDialog(card.display_name), decided)

    @work(exclusive=True, group="save")
    async def delete_card(self, customer_id: int, version: int, name: str) -> None:
        """DELETE /customers/{id}; the card closes (someone's newer change: shown instead)."""
        from tui.client.trash import delete_customer

        try:
            await delete_customer(self.api, customer_id, version)
        except StaleEditError as exc:
            self.notify(t("delete.stale"), severity="warning", timeout=8)
            self.show(CustomerCard.model_validate(exc.current))
            return
        except DeskError as exc:
            self.fail(exc, "delete")
            return
        self.notify(t("delete.done", name=name))
        self.close()

    def action_undo_contact(self) -> None:
        """Alt+Z: the last contact row removed on this card comes back."""
        self.contacts.undo()

    def on_option_list_option_selected(self, event: ContactList.OptionSelected) -> None:
        """Enter on a contact row: edit it."""
        if event.option_list.id == "contacts":
            self.contacts.picked(event.option.id or "")

    def on_remove_contact(self, message: RemoveContact) -> None:
        """Del on a contact row."""
        self.contacts.remove(message.option_id)

    def show_other(self, card: CustomerCard) -> None:
        """A card the box answered a contact change with: all of it when the form holds no
        edits, else only what is not the form (the form's base version stays for the save)."""
        if self.card is None or not self.unsaved():
            self.show(card)
            return
        self.card = card.model_copy(update={"version": self.card.version})
        show_contacts(self.query_one("#contacts", ContactList), card, self.household)
        self._tables(card)
        self.refresh_bindings()

    def show_custom(self, own: dict[str, str]) -> None:
        """The custom fields with these values (rebuilt when the definitions changed)."""
        grid = self.query_one("#custom-grid", custom.CustomGrid)
        if custom.keys_of(grid) != [d.key for d in custom.shown(self.defs)]:
            custom.rebuild(grid, self.defs, own)
        else:
            custom.put(grid, own)

    def form_now(self) -> dict[str, Any]:
        """What the form says now, custom fields too."""
        return form.read(self) | custom.read(self.query_one("#custom-grid", custom.CustomGrid))

    def wire(self, values: dict[str, Any]) -> dict[str, Any]:
        """Form values as the box takes them (custom ones in `custom`); FormError."""
        plain = {k: v for k, v in values.items() if not k.startswith(custom.PREFIX)}
        out = form.wire(plain)
        own = custom.wire(values, self.defs)
        if own:
            out["custom"] = own
        return out

    def show(self, card: CustomerCard) -> None:
        """Draw a card; the form holds its values from now on."""
        self.card, self.customer_id = card, card.id
        own = custom.values(card.custom, self.defs)
        self.base = form.card_values(card) | own
        form.fill(self, self.base)
        self.show_custom(own)
        head = Text(card.display_name, style="bold")
        if card.reading:
            head.append(f"  ({card.reading})", style="dim")
        marks = flags(card.vip, card.caution, card.blocked)
        if marks:
            head.append(f"  {marks}", style="bold red")
        if card.rank or card.rfm:
            head.append("  ").append_text(rank_badge(card.rank, card.rfm))
        if card.caution_note:
            head.append(f"\n{card.caution_note}", style="dark_orange")
        self.query_one("#head", Static).update(head)
        show_contacts(self.query_one("#contacts", ContactList), card, self.household)
        self.refresh_bindings()
        pinned = self.query_one("#pinned", Static)
        pinned.update("\n".join(f"{mark('pin')} {n.body}" for n in card.pinned_notes))
        pinned.display = bool(card.pinned_notes)
        self._tables(card)

    def _tables(self, card: CustomerCard) -> None:
        """History, orders and callbacks, their last column wrapped in the width left."""
        if self.leaving:
            return
        fill_wrapped(self.query_one("#timeline", DataTable), timeline_rows(card))
        orders = [
            (
                (
                    local(o.ordered_at),
                    money(o.total, o.currency),
                    order_status(o.status),
                    ", ".join(f"{i.description} ×{i.qty}" for i in o.items),
                ),
                str(o.id),
            )
            for o in card.orders
        ]
        fill_wrapped(self.query_one("#orders", DataTable), orders)
        tasks = [
            ((local(x.due_at), x.assignee or "", task_state(x.state), task_title(x)), str(x.id))
            for x in card.open_tasks
        ]
        fill_wrapped(self.query_one("#tasks", DataTable), tasks)

    # editing ----------------------------------------------------------------------------
    def unsaved(self) -> bool:
        """The form holds changes the box has not got."""
        return bool(form.changes(self.base, self.form_now()))

    def action_save(self) -> None:
        """ctrl+s: send what changed (a new card: create it)."""
        self.save()

    def save(self, *, close: bool = False) -> None:
        """Send what changed (close: leave once the box has it); an empty or unchanged form
        says so instead of sending nothing."""
        now = self.form_now()
        if self.card is None:
            if not now["display_name"]:
                self.notify(t("card.name_needed"), severity="warning")
                self.query_one("#f-display_name", Input).focus()
                return
            if self.readable(now):
                self.create(now, close)
            return
        changed = form.changes(self.base, now)
        if not self.readable(changed):
            return
        if changed:
            self.patch(changed, self.card.version, close)
        elif close:
            self.close()
        else:
            self.notify(t("card.unchanged"))

    def readable(self, values: dict[str, Any]) -> bool:
        """The desk can read every value (a date, the tags); else it says which and why."""
        try:
            self.wire(values)
        except form.FormError as exc:
            self.notify(str(exc), severity="warning")
            grid = self.query_one("#custom-grid", custom.CustomGrid)
            if exc.name.startswith(custom.PREFIX):
                grid.fields[exc.name[len(custom.PREFIX) :]].focus()
            else:
                self.query_one(f"#f-{exc.name}").focus()
            return False
        return True

    def refused(self, exc: DeskError, what: str) -> None:
        """The box would not take it: a bad value is said in the desk's language."""
        if isinstance(exc, ApiError) and exc.status == 422:
            reason = in_language(exc.detail)
            self.notify(t("form.refused", reason=reason), severity="error", timeout=8)
        else:
            self.fail(exc, what)

    @work(exclusive=True, group="save")
    async def create(self, values: dict[str, Any], close: bool = False) -> None:
        """POST /customers (with the caller's number), then attach the call."""
        phone = self.query_one("#f-phone", Input).value.strip() if self.number is not None else ""
        body = CustomerIn(
            **{k: v for k, v in self.wire(values).items() if v not in ("", None, [], {})},
            phones=[PhoneIn(number=phone)] if phone else [],
        )
        try:
            card = await self.api.create_customer(body)
            if self.call_id is not None:
                # the number is on the card already; failing to link the call loses nothing
                with contextlib.suppress(DeskError):
                    await self.api.attach(self.call_id, card.id)
        except DeskError as exc:
            self.refused(exc, "create")
            return
        self.saved(card, close)

    def saved(self, card: CustomerCard, close: bool) -> None:
        """The box has the card: say so, then show it (or leave, when saving on the way out)."""
        self.notify(t("card.saved"))
        if close:
            self.show(card)  # nothing unsaved is left behind if the close waits
            self.close()
        else:
            self.post_message(CardLoaded(card))

    @work(exclusive=True, group="save")
    async def patch(self, changed: dict[str, Any], version: int, close: bool = False) -> None:
        """PATCH /customers/{id}; a stale edit opens the dialog."""
        assert self.customer_id is not None
        try:
            card = await self.api.patch_customer(
                self.customer_id, CustomerPatch(version=version, **self.wire(changed))
            )
        except StaleEditError as exc:
            self.stale(changed, exc.current)
            return
        except DeskError as exc:
            self.refused(exc, "save")
            return
        self.saved(card, close)

    def stale(self, mine: dict[str, Any], current: dict[str, Any]) -> None:
        """Someone saved first: show both, merge (save mine on theirs) or take theirs."""
        from tui.dialogs.stale import StaleDialog

        def decided(choice: object) -> None:
            if choice == "merge":
                self.patch(mine, int(current.get("version", 0)))
            elif choice == "theirs":
                self.show(CustomerCard.model_validate(current))

        theirs = form.card_values(current) | custom.values(current.get("custom") or {}, self.defs)
        self.app.push_screen(StaleDialog(mine, self.base, theirs), decided)

    def customer_changed(self, customer_id: int, version: int | None) -> None:
        """The box says this customer changed: reload unless the operator is mid-edit."""
        if customer_id != self.customer_id or self.card is None:
            return
        if version is not None and version <= self.card.version:
            return
        if form.changes(self.base, self.form_now()):
            return  # saving will meet the stale-edit dialog, which shows both sides
        self.load()

    def state_changed(self, reload: bool) -> None:
        """Reload after a resync or a language switch."""
        if reload and self.customer_id is not None:
            self.load()

    # note, order, callback --------------------------------------------------------------
    def action_note(self) -> None:
        """ctrl+n: a note with a running timer (from when the card opened during a call)."""
        from tui.dialogs.note import NoteDialog

        if self.customer_id is None:
            return
        started = self.opened_at if self.call_id is not None else self.desk.clock()
        self.app.push_screen(NoteDialog(started, self.call_id), self._note_written)

    def _note_written(self, note: object) -> None:
        if isinstance(note, NoteIn):
            self.save_note(note)

    @work(group="save")
    async def save_note(self, note: NoteIn) -> None:
        """POST /customers/{id}/notes."""
        assert self.customer_id is not None
        try:
            out = await self.api.add_note(self.customer_id, note)
        except DeskError as exc:
            self.fail(exc, "note")
            return
        self.notify(t("note.saved", time=duration(out.time_spent_s)))
        self.load()

    def action_order(self) -> None:
        """ctrl+o: quick order from the product list."""
        if self.customer_id is not None:
            self.open_order()

    @work(group="save")
    async def open_order(self) -> None:
        """The order dialog (menu and the caller's addresses); the card shows it once placed."""
        from tui.order_entry import take_order

        assert self.customer_id is not None
        name = self.card.display_name if self.card is not None else ""
        if await take_order(self.desk, self.customer_id, self.call_id, usual=False, name=name):
            self.load()

    def action_callback(self) -> None:
        """ctrl+b: who, when, why."""
        if self.customer_id is not None and self.card is not None:
            self.open_callback()

    @work(group="save")
    async def open_callback(self) -> None:
        """The users directory first (cached by the app), then the callback dialog."""
        from tui.dialogs.callback import CallbackDialog

        assert self.card is not None
        try:
            users = await self.desk.user_directory()
        except DeskError as exc:
            self.fail(exc, "users")
            users = []  # the box assigns it to whoever sets it
        dialog = CallbackDialog(self.card.display_name, users, self.desk.state.user_id)
        self._callback_set(await self.app.push_screen_wait(dialog))

    def _callback_set(self, task: object) -> None:
        if isinstance(task, TaskIn):
            self.save_callback(
                task.model_copy(update={"customer_id": self.customer_id, "call_id": self.call_id})
            )

    @work(group="save")
    async def save_callback(self, task: TaskIn) -> None:
        """POST /tasks; the desk also keeps its own reminder for it."""
        try:
            out = await self.api.add_task(task)
        except DeskError as exc:
            self.fail(exc, "callback")
            return
        self.desk.remind_at(out)
        self.notify(t("callback.saved"))
        self.load()

    def action_interaction(self) -> None:
        """ctrl+t: log an email, fax, visit, SMS, letter or web contact, with its time."""
        if self.customer_id is not None:
            self.app.push_screen(InteractionDialog(self.desk.clock()), self._interaction_logged)

    def action_nps(self) -> None:
        """ctrl+r: the customer's NPS answer (0-10) and reason, tied to this card's call."""
        from tui.dialogs.nps import NpsDialog

        if self.customer_id is not None:
            self.app.push_screen(NpsDialog(self.customer_id, self.call_id))

    def _interaction_logged(self, entry: object) -> None:
        if isinstance(entry, InteractionIn):
            self.save_interaction(entry)

    @work(group="save")
    async def save_interaction(self, entry: InteractionIn) -> None:
        """POST /customers/{id}/interactions; the timeline reloads with it."""
        assert self.customer_id is not None
        try:
            await self.api.add_interaction(self.customer_id, entry)
        except DeskError as exc:
            self.fail(exc, "interaction")
            return
        self.notify(t("ia.saved"))
        self.load()

    def action_handoff(self) -> None:
        """ctrl+g: give this call's card to another logged-in desk."""
        self.desk.hand_off(self.call_id)

    def action_back(self) -> None:
        """Escape: back to where we came from (asked first when edits are unsaved)."""
        self.leave()

    def leave(self, then: Callable[[], object] | None = None) -> None:
        """Close (then: what comes next, e.g. F1 going on home); with unsaved edits, ask:
        save, discard or keep editing (which stays, and `then` is not done)."""
        self.after_close = then
        close_or_ask(self, self.unsaved(), lambda: self.save(close=True), self.close)

    def close(self) -> None:
        """Leave the card, then whatever leave() was asked to do next."""
        self.dismiss(None)
        if self.after_close is not None:
            self.app.call_later(self.after_close)
