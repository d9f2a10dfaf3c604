"""The manager's settings tab: the shop's kind, region, business hours per weekday and closed
days; read from the box, checked at the desk, stored by the box (which checks again)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from appliance.contract import SettingsOut
from appliance.contract.shop import CLOSED_KEY, KIND_KEY, SHOP_KINDS, WEEK_KEY, WEEKDAYS
from tui.client.errors import ApiError, DeskError
from tui.i18n import t
from tui.keys import key
from tui.screens.manager_pane import ManagerPane

DEFAULT_HOURS = ("09:00", "21:00")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def _fold(text: str) -> str:
    """Full-width digits and colons as half-width (０９：００ -> 09:00)."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_time(text: str) -> str | None:
    """'9:00', '０９：００' -> '09:00'; None when it is not a time of day."""
    match = _TIME.match(_fold(text))
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_dates(text: str) -> tuple[list[str], str | None]:
    """Dates typed as 2026-12-31, 2026/1/2 or full-width, separated by spaces, commas or lines:
    (ISO dates sorted, the first word that is not a date or None)."""
    days: set[str] = set()
    for word in re.split(r"[\s,、]+", _fold(text)):
        if not word:
            continue
        match = _DATE.match(word)
        try:
            if match is None:
                raise ValueError(word)
            days.add(dt.date(*(int(g) for g in match.groups())).isoformat())
        except ValueError:
            return [], word
    return sorted(days), None


class SettingsLoaded(Message):
    """The settings as the box has them now."""

    def __init__(self, settings: SettingsOut) -> None:
        super().__init__()
        self.settings = settings


class SettingsPane(ManagerPane):
    """A form; Ctrl+S stores every value at once (the box refuses all if one is wrong)."""

    BINDINGS = [key("ctrl+s", "save", "mgr.set.save")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__(id="mgr-settings-pane")
        self.values: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        """The shop, the hours, the closed days, the error line."""
        with VerticalScroll(id="mgr-settings"):
            yield Label(t("mgr.set.shop"), classes="heading")
            with Horizontal(classes="mgr-row"):
                yield Label(t("mgr.set.kind"), classes="mgr-label")
                kinds = [(t(f"mgr.kind.{k}"), k) for k in SHOP_KINDS]
                yield Select(kinds, id="set-kind", prompt="—")
            with Horizontal(classes="mgr-row"):
                yield Label(t("mgr.set.region"), classes="mgr-label")
                yield Input(id="set-region", max_length=2)
            yield Label(t("mgr.set.hours"), classes="heading")
            yield Label(t("mgr.set.hours_hint"), classes="hint")
            for day in WEEKDAYS:
                with Horizontal(classes="mgr-row mgr-day"):
                    yield Label(t(f"mgr.day.{day}"), classes="mgr-dayname")
                    yield Checkbox(t("mgr.set.closed"), id=f"set-{day}-closed")
                    yield Input(id=f"set-{day}-open", max_length=5, classes="mgr-time")
                    yield Label("〜")
                    yield Input(id=f"set-{day}-close", max_length=5, classes="mgr-time")
            yield Label(t("mgr.set.closed_days"), classes="heading")
            yield Label(t("mgr.set.closed_days_hint"), classes="hint")
            yield TextArea(id="set-closed-days", soft_wrap=True)
        yield Label("", id="set-error", classes="error")

    def on_mount(self) -> None:
        """The settings from the box."""
        self.load()

    def take_focus(self) -> None:
        """The first field takes the keys."""
        self.query_one("#set-kind", Select).focus()

    @work(exclusive=True, group="mgr-settings")
    async def load(self) -> None:
        """GET /settings."""
        try:
            got = await self.admin.settings()
        except DeskError as exc:
            self.fail(exc, "settings")
            return
        self.post_message(SettingsLoaded(got))

    def on_settings_loaded(self, message: SettingsLoaded) -> None:
        """Fill the form from the box's values (defaults where nothing is set)."""
        self.values = message.settings.values
        kind = self.values.get(KIND_KEY)
        select = self.query_one("#set-kind", Select)
        if kind in SHOP_KINDS:
            select.value = kind
        else:
            select.clear()
        self.query_one("#set-region", Input).value = str(self.values.get("region") or "")
        week = self.values.get(WEEK_KEY) or {}
        for day in WEEKDAYS:
            window = week.get(day, list(DEFAULT_HOURS)) if week else list(DEFAULT_HOURS)
            self.query_one(f"#set-{day}-closed", Checkbox).value = not window
            opens, closes = window or ("", "")
            self.query_one(f"#set-{day}-open", Input).value = opens
            self.query_one(f"#set-{day}-close", Input).value = closes
        days = self.values.get(CLOSED_KEY) or []
        self.query_one("#set-closed-days", TextArea).text = "\n".join(str(d) for d in days)
        self.query_one("#set-error", Label).update("")

    def form_values(self) -> tuple[dict[str, Any], str | None]:
        """(the values to store, the first problem in words or None)."""
        out: dict[str, Any] = {}
        kind = self.query_one("#set-kind", Select).value
        if kind in SHOP_KINDS:
            out[KIND_KEY] = kind
        region = _fold(self.query_one("#set-region", Input).value).upper()
        if region:
            out["region"] = region
        week: dict[str, list[str] | None] = {}
        for day in WEEKDAYS:
            if self.query_one(f"#set-{day}-closed", Checkbox).value:
                week[day] = None
                continue
            opens = parse_time(self.query_one(f"#set-{day}-open", Input).value)
            closes = parse_time(self.query_one(f"#set-{day}-close", Input).value)
            if opens is None or closes is None:
                return {}, t("mgr.set.bad_time", day=t(f"mgr.day.{day}"))
            week[day] = [opens, closes]
        out[WEEK_KEY] = week
        days, wrong = parse_dates(self.query_one("#set-closed-days", TextArea).text)
        if wrong is not None:
            return {}, t("mgr.set.bad_date", text=wrong)
        out[CLOSED_KEY] = days
        return out, None

    def action_save(self) -> None:
        """Ctrl+S: check here, then store; a problem is shown and nothing typed is lost."""
        values, wrong = self.form_values()
        if wrong is not None:
            self.query_one("#set-error", Label).update(wrong)
            return
        self.save(values)

    @work(exclusive=True, group="mgr-settings-save")
    async def save(self, values: dict[str, Any]) -> None:
        """PUT /settings; the box's refusal is shown under the form."""
        try:
            got = await self.admin.put_settings(values)
        except ApiError as exc:
            if exc.status != 422:
                self.fail(exc, "settings")
                return
            self.query_one("#set-error", Label).update(exc.detail)
            return
        except DeskError as exc:
            self.fail(exc, "settings")
            return
        self.app.notify(t("mgr.set.saved"))
        self.post_message(SettingsLoaded(got))
