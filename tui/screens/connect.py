"""First run: find boxes on the LAN (zeroconf), pick one or type its address, pair with the code."""

from __future__ import annotations

import socket

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.client.discovery import SeenBox, find_boxes
from tui.client.errors import DeskError
from tui.client.pairing import CODE_TYPING, pair, pairing_code
from tui.client.session import Address
from tui.i18n import t
from tui.screens.base import DeskScreen


class BoxesFound(Message):
    """Browsing finished."""

    def __init__(self, boxes: list[SeenBox]) -> None:
        super().__init__()
        self.boxes = boxes


class PairingDone(Message):
    """Pairing worked (ok) or failed (why)."""

    def __init__(self, ok: bool, why: str = "") -> None:
        super().__init__()
        self.ok, self.why = ok, why


class ConnectScreen(DeskScreen):
    """Pick a box, enter the 8-digit code shown on it (as printed: spaces, hyphens, full-width
    digits), pair; dismissed with True once paired."""

    def __init__(self, interfaces: list[str] | None = None) -> None:
        super().__init__()
        self.interfaces = interfaces
        self.boxes: list[SeenBox] = []

    def body(self) -> ComposeResult:
        """Boxes heard, address, code, desk name."""
        with Vertical(id="connect", classes="form"):
            yield Label(t("find.title"), classes="heading")
            yield Label(t("find.searching"), id="find-note")
            yield OptionList(id="boxes")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("find.address"), id="address")
                yield Button(t("find.rescan"), id="rescan")
            yield Label(t("pair.title"), classes="heading")
            yield Input(placeholder=t("pair.code"), id="code", max_length=20, restrict=CODE_TYPING)
            # a browser desk is named by its user, never after the server it runs on
            named = self.desk.options.desk_name or ("" if self.app.is_web else socket.gethostname())
            yield Input(value=named, placeholder=t("pair.desk_name"), id="desk-name")
            yield Button(t("pair.go"), id="pair", variant="primary")
            yield Label("", id="pair-error", classes="error")

    def on_mount(self) -> None:
        """Start looking at once."""
        super().on_mount()
        self.browse()

    @work(exclusive=True, group="browse")
    async def browse(self) -> None:
        """zeroconf for a few seconds; the results come back as BoxesFound."""
        self.post_message(BoxesFound(await find_boxes(3.0, interfaces=self.interfaces)))

    def on_boxes_found(self, message: BoxesFound) -> None:
        """List what answered; prefill the first."""
        self.boxes = message.boxes
        options = self.query_one("#boxes", OptionList)
        options.clear_options()
        for box in self.boxes:
            locked = f"  ({t('box.locked')})" if box.locked else ""
            options.add_option(Option(f"{box.name}  {box.address}{locked}", id=box.address))
        note = self.query_one("#find-note", Label)
        note.update(t("find.none") if not self.boxes else t("find.title"))
        address = self.query_one("#address", Input)
        if self.boxes and not address.value:
            address.value = self.boxes[0].address
            self.query_one("#code", Input).focus()

    @on(OptionList.OptionSelected, "#boxes")
    def picked(self, event: OptionList.OptionSelected) -> None:
        """A box from the list fills the address."""
        self.query_one("#address", Input).value = event.option.id or ""
        self.query_one("#code", Input).focus()

    @on(Button.Pressed, "#rescan")
    def rescan(self) -> None:
        """Look again."""
        self.query_one("#find-note", Label).update(t("find.searching"))
        self.browse()

    @on(Button.Pressed, "#pair")
    @on(Input.Submitted, "#code")
    @on(Input.Submitted, "#desk-name")
    def start_pairing(self) -> None:
        """Pair with what is on the form (a browser desk needs a name its user gives)."""
        name = self.query_one("#desk-name", Input)
        if self.app.is_web and not name.value.strip():
            self.query_one("#pair-error", Label).update(t("pair.desk_name_needed"))
            name.focus()
            return
        self.query_one("#pair-error", Label).update(t("pair.working"))
        self.do_pair(
            self.query_one("#address", Input).value,
            pairing_code(self.query_one("#code", Input).value),
            self.query_one("#desk-name", Input).value,
        )

    @work(exclusive=True, group="pair")
    async def do_pair(self, address: str, code: str, desk_name: str) -> None:
        """The network part of pairing."""
        try:
            where = Address.parse(address)
            seen = next((b for b in self.boxes if b.address == f"{where.host}:{where.port}"), None)
            await pair(
                self.desk.keystore,
                where.host,
                where.port,
                code,
                desk_name=desk_name or socket.gethostname(),
                box_name=seen.name if seen else address,
                advertised_fp=seen.fingerprint if seen else None,
            )
        except DeskError as exc:
            self.post_message(PairingDone(False, str(exc)))
            return
        self.post_message(PairingDone(True))

    def on_pairing_done(self, message: PairingDone) -> None:
        """Paired: on to login; else say why and stay."""
        if message.ok:
            self.dismiss(True)
        else:
            self.query_one("#pair-error", Label).update(message.why)
