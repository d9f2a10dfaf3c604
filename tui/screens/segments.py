"""Condition search (segments) with saved queries."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, OptionList
from textual.widgets.option_list import Option

from appliance.contract import SavedSegmentOut, SegmentOut
from tui.client.errors import DeskError
from tui.format import flags
from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen


class SegmentLoaded(Message):
    """A segment's count and first matches."""

    def __init__(self, segment: SegmentOut) -> None:
        super().__init__()
        self.segment = segment


class SavedLoaded(Message):
    """The saved queries."""

    def __init__(self, saved: list[SavedSegmentOut]) -> None:
        super().__init__()
        self.saved = saved


class SegmentsScreen(DeskScreen):
    """Saved queries on the left; the query, its count and matches on the right."""

    BINDINGS = [key("escape", "back", "key.close")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.segment: SegmentOut | None = None
        self.saved: list[SavedSegmentOut] = []

    def body(self) -> ComposeResult:
        """Saved list, query, save-as, results."""
        with Horizontal(id="segments"):
            yield OptionList(id="saved")
            with Vertical(id="segment-main"):
                yield Label(t("segments.title"), classes="heading")
                yield Input(placeholder=t("segments.query"), id="query")
                with Horizontal(classes="row"):
                    yield Input(placeholder=t("segments.name"), id="name")
                    yield Button(t("segments.save"), id="save")
                yield Label("", id="count")
                yield DataTable(id="members", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Saved queries."""
        super().on_mount()
        self.load_saved()

    def prepare(self) -> None:
        """Columns in the current language."""
        self.query_one("#members", DataTable).add_columns(
            t("col.name"), t("col.company"), t("col.phone"), ""
        )

    @work(exclusive=True, group="saved")
    async def load_saved(self) -> None:
        """GET /segments/saved."""
        try:
            saved = await self.api.saved_segments()
        except DeskError as exc:
            self.fail(exc, "segments")
            return
        self.post_message(SavedLoaded(saved))

    def on_saved_loaded(self, message: SavedLoaded) -> None:
        """List them."""
        self.saved = message.saved
        options = self.query_one("#saved", OptionList)
        options.clear_options()
        for s in self.saved:
            options.add_option(Option(s.name, id=str(s.id)))

    @on(OptionList.OptionSelected, "#saved")
    def run_saved(self, event: OptionList.OptionSelected) -> None:
        """A saved query: run it."""
        chosen = next(s for s in self.saved if str(s.id) == event.option.id)
        self.query_one("#query", Input).value = chosen.query
        self.query_one("#name", Input).value = chosen.name
        self.run_query(chosen.query)

    @on(Input.Submitted, "#query")
    def submitted(self, event: Input.Submitted) -> None:
        """Enter: run the query."""
        self.run_query(event.value)

    @work(exclusive=True, group="segment")
    async def run_query(self, query: str) -> None:
        """GET /segments?q=."""
        if not query.strip():
            return
        try:
            segment = await self.api.segment(query.strip())
        except DeskError as exc:
            self.query_one("#count", Label).update(str(exc))
            return
        self.post_message(SegmentLoaded(segment))

    def state_changed(self, reload: bool) -> None:
        """After a language switch (a rebuilt body): the saved queries and the members again."""
        if reload:
            self.load_saved()
            if self.segment is not None:
                self.post_message(SegmentLoaded(self.segment))

    def on_segment_loaded(self, message: SegmentLoaded) -> None:
        """Count and members."""
        self.segment = message.segment
        self.query_one("#count", Label).update(t("segments.count", count=message.segment.count))
        table = self.query_one("#members", DataTable)
        table.clear()
        for c in message.segment.customers:
            table.add_row(
                c.display_name,
                c.company,
                c.phone,
                flags(c.vip, c.caution, c.blocked),
                key=str(c.id),
            )

    @on(DataTable.RowSelected, "#members")
    def open_card(self, event: DataTable.RowSelected) -> None:
        """Enter: the customer."""
        self.desk.open_customer(int(event.row_key.value or 0))

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Keep the query under a name."""
        query = self.query_one("#query", Input).value.strip()
        name = self.query_one("#name", Input).value.strip()
        if query and name:
            self.save_query(name, query)

    @work(group="saved-edit")
    async def save_query(self, name: str, query: str) -> None:
        """POST /segments/saved."""
        try:
            await self.api.save_segment(name, query)
        except DeskError as exc:
            self.fail(exc, "segments")
            return
        self.notify(t("card.saved"))
        self.load_saved()

    def action_back(self) -> None:
        """Escape."""
        self.dismiss(None)
