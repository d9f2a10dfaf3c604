"""The card's phones, emails and addresses: a list to pick one (Enter edits, Del removes), the
keys that add one, and removal with undo — the card screen mixes this in."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from appliance.contract import (
    AddressIn,
    AddressPatch,
    ContactKind,
    CustomerCard,
    CustomerIn,
    CustomerSummary,
    EmailIn,
    EmailPatch,
    PhoneIn,
    PhonePatch,
    address_text,
)
from tui.client.contacts import add_contact, edit_contact, remove_contact, restore_contact
from tui.client.errors import DeskError
from tui.dialogs.contact import ContactDialog, Row
from tui.i18n import t
from tui.keys import key
from tui.marks import mark

if TYPE_CHECKING:
    from tui.app import DeskApp
    from tui.screens.card import CustomerScreen

CONTACT_KEYS = [
    key("alt+d", "add_contact('phone')", "contact.add_phone"),
    key("alt+m", "add_contact('email')", "contact.add_email"),
    key("alt+a", "add_contact('address')", "contact.add_address"),
    key("alt+z", "undo_contact", "contact.undo"),
]


class RemoveContact(Message):
    """Del on a contact row: remove it."""

    def __init__(self, option_id: str) -> None:
        super().__init__()
        self.option_id = option_id


class ContactList(OptionList):
    """The card's contact rows (ids "phone:12"); Enter edits one, Del removes it."""

    DEFAULT_CSS = """
    ContactList { height: auto; max-height: 14; border: none; padding: 0; }
    ContactList:focus { border: none; }
    """

    BINDINGS = [  # noqa: RUF012
        key("enter", "select", "contact.edit"),
        key("delete", "remove", "contact.remove"),
    ]

    def on_focus(self) -> None:
        """Arriving by Tab: the first row is the one Enter and Del act on."""
        if (
            self.highlighted is None
            and self.option_count
            and not self.get_option_at_index(0).disabled
        ):
            self.highlighted = 0

    def action_remove(self) -> None:
        """Del: the highlighted row goes (the card asks the box)."""
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            if option.id:
                self.post_message(RemoveContact(option.id))


def contact_options(card: CustomerCard, household: Sequence[CustomerSummary] = ()) -> list[Option]:
    """One option per phone, email and address (delivery notes under the address), then the
    others on the same number (a household: Enter opens their card)."""
    out: list[Option] = []
    for p in card.phones:
        line = Text(f"{mark('phone')} {p.number}", style="bold").append(f"  {p.label}")
        out.append(Option(line, id=f"phone:{p.id}"))
    for e in card.emails:
        out.append(Option(Text(f"{mark('mail')} {e.address}  {e.label}"), id=f"email:{e.id}"))
    for a in card.addresses:
        where = address_text(a.country, a.postal_code, a.prefecture, a.city, a.line1, a.line2)
        line = Text(f"{mark('address')} {where}  {a.label}")
        if a.delivery_notes:
            notes = a.delivery_notes.replace("\n", " / ")
            line.append(f"\n   {t('card.delivery')}: {notes}", style="italic")
        out.append(Option(line, id=f"address:{a.id}"))
    if not out:
        out.append(Option(Text(t("contact.none"), style="dim"), disabled=True))
    for other in household:
        line = Text(f"{t('contact.same_number')}: ", style="dim").append(other.display_name)
        if other.company:
            line.append(f"  {other.company}", style="dim")
        out.append(Option(line, id=f"person:{other.id}"))
    return out


def show_contacts(
    contacts: ContactList,
    card: CustomerCard,
    household: list[CustomerSummary] = (),  # type: ignore[assignment]
) -> None:
    """Redraw the list from the card, the highlight kept on the same row when it is there."""
    highlighted = contacts.highlighted
    kept = contacts.get_option_at_index(highlighted).id if highlighted is not None else None
    contacts.clear_options()
    options = contact_options(card, household)
    contacts.add_options(options)
    ids = [o.id for o in options]
    if kept in ids:
        contacts.highlighted = ids.index(kept)


def find_row(card: CustomerCard, option_id: str) -> tuple[ContactKind, Row] | None:
    """The kind and stored row an option stands for."""
    kind, _, raw = option_id.partition(":")
    rows: dict[str, list[Any]] = {"phone": card.phones, "email": card.emails}
    rows["address"] = card.addresses
    for row in rows.get(kind, []):
        if str(row.id) == raw:
            return kind, row  # type: ignore[return-value]
    return None


def new_body(kind: ContactKind, values: dict[str, str]) -> PhoneIn | EmailIn | AddressIn:
    """A new row's body from the dialog's fields."""
    if kind == "phone":
        return PhoneIn(number=values["number"], label=values.get("label", ""))
    if kind == "email":
        return EmailIn(address=values["address"], label=values.get("label", ""))
    return AddressIn.model_validate(
        {k: v for k, v in values.items() if k in AddressIn.model_fields}
    )


def patch_body(
    kind: ContactKind, values: dict[str, str], version: int
) -> PhonePatch | EmailPatch | AddressPatch:
    """An edit's body: the version and only what changed."""
    if kind == "phone":
        return PhonePatch.model_validate({"version": version, **values})
    if kind == "email":
        return EmailPatch.model_validate({"version": version, **values})
    return AddressPatch.model_validate({"version": version, **values})


class CardContacts:
    """What the card screen does with its contact rows: dialogs, removal, undo."""

    def __init__(self, screen: CustomerScreen) -> None:
        self.screen = screen
        self.removed: list[tuple[ContactKind, int]] = []  # this card's removals, for undo

    def dialog(self, kind: ContactKind, row: Row | None = None) -> None:
        """Open the dialog for a new row (row None) or an edit; the card redraws from the
        box's answer."""
        screen = self.screen
        if screen.customer_id is None or screen.card is None:
            return
        customer_id = screen.customer_id

        async def send(values: dict[str, str], version: int | None) -> CustomerCard:
            if version is None:
                body = new_body(kind, values if row is None else {**_all(row), **values})
                return await add_contact(screen.api, customer_id, kind, body)
            assert row is not None
            return await edit_contact(
                screen.api, customer_id, kind, row.id, patch_body(kind, values, version)
            )

        def done(card: object) -> None:
            if isinstance(card, CustomerCard):
                screen.notify(t("card.saved"))
                screen.show_other(card)

        screen.app.push_screen(ContactDialog(kind, send, row), done)

    def picked(self, option_id: str) -> None:
        """Enter on a contact row: edit it (on a person of the household: their card)."""
        if option_id.startswith("person:"):
            self.screen.desk.open_customer(int(option_id.split(":")[1]))
            return
        card = self.screen.card
        found = find_row(card, option_id) if card is not None else None
        if found is not None:
            self.dialog(*found)

    async def household(self, card: CustomerCard) -> list[CustomerSummary]:
        """The other customers on this card's numbers (GET /customers/lookup per number)."""
        found: dict[int, CustomerSummary] = {}
        for phone in card.phones:
            with contextlib.suppress(DeskError):  # the card is whole without them
                for other in await self.screen.api.lookup(phone.e164 or phone.number):
                    if other.id != card.id:
                        found.setdefault(other.id, other)
        return list(found.values())

    def remove(self, option_id: str) -> None:
        """Del on a contact row: remove it at once (Alt+Z brings it back)."""
        card = self.screen.card
        found = find_row(card, option_id) if card is not None else None
        if found is not None:
            kind, row = found
            self.screen.run_worker(self._remove(kind, row.id, row.version), group="contacts")

    async def _remove(self, kind: ContactKind, row_id: int, version: int) -> None:
        screen = self.screen
        assert screen.customer_id is not None
        try:
            card = await remove_contact(screen.api, screen.customer_id, kind, row_id, version)
        except DeskError as exc:
            screen.fail(exc, "contact")
            return
        self.removed.append((kind, row_id))
        screen.notify(t("contact.removed", what=t(f"contact.what.{kind}")))
        screen.show_other(card)

    def undo(self) -> None:
        """Alt+Z: the last removed row of this card comes back."""
        if not self.removed:
            self.screen.notify(t("contact.nothing_to_undo"))
            return
        self.screen.run_worker(self._undo(*self.removed.pop()), group="contacts")

    async def _undo(self, kind: ContactKind, row_id: int) -> None:
        screen = self.screen
        assert screen.customer_id is not None
        try:
            card = await restore_contact(screen.api, screen.customer_id, kind, row_id)
        except DeskError as exc:
            self.removed.append((kind, row_id))
            screen.fail(exc, "contact")
            return
        screen.notify(t("contact.restored", what=t(f"contact.what.{kind}")))
        screen.show_other(card)


def _all(row: Row) -> dict[str, str]:
    """Every text field of a stored row (a row someone removed meanwhile is added again)."""
    data = row.model_dump(exclude={"id", "version", "e164", "national", "lat", "lon"})
    return {k: str(v or "") for k, v in data.items()}


def note_address(app: DeskApp, customer_id: int | None, number: str, call_id: int) -> None:
    """From the pop: the caller's card with the address dialog over it; a caller with no card
    yet types a name with the address, and the card is made with the number and the call."""
    from tui.screens.card import CustomerScreen

    if customer_id is not None:
        app.push_screen(CustomerScreen(customer_id, call_id=call_id, then="address"))
        return

    async def send(values: dict[str, str], _version: int | None) -> CustomerCard:
        assert app.api is not None
        name = values.pop("display_name")
        address = new_body("address", values)
        assert isinstance(address, AddressIn)
        phones = [PhoneIn(number=number)] if number else []
        body = CustomerIn(display_name=name, phones=phones, addresses=[address])
        card = await app.api.create_customer(body)
        with contextlib.suppress(DeskError):  # the number is on the card already
            await app.api.attach(call_id, card.id)
        return card

    def done(card: object) -> None:
        if isinstance(card, CustomerCard):
            app.notify(t("card.saved"))
            app.push_screen(CustomerScreen(card.id, call_id=call_id))

    app.push_screen(ContactDialog("address", send, ask_name=True, number=number), done)
