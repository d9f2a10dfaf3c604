"""The manager's desk (admins): a tab per thing an admin keeps — users, desks, settings,
custom fields, field access per role, the access log."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import TabbedContent, TabPane

from tui.i18n import t
from tui.keys import key
from tui.screens.base import DeskScreen
from tui.screens.manager_access import AccessPane
from tui.screens.manager_desks import DesksPane
from tui.screens.manager_fields import FieldsPane
from tui.screens.manager_pane import ManagerPane
from tui.screens.manager_rules import RulesPane
from tui.screens.manager_settings import SettingsPane
from tui.screens.manager_users import UsersPane


class ManagerScreen(DeskScreen):
    """Tabs; each tab's keys show while its table has the focus; r reloads, Escape leaves."""

    DEFAULT_CSS = """
    ManagerScreen #mgr-tabs { height: 1fr; }
    ManagerScreen ManagerPane { height: auto; padding: 0 1; }
    ManagerScreen ManagerPane DataTable { height: auto; max-height: 100%; }
    ManagerScreen #mgr-settings-pane { height: 1fr; }
    ManagerScreen #mgr-settings { height: 1fr; }
    ManagerScreen .mgr-row { height: auto; }
    ManagerScreen .mgr-label { width: 22; padding: 1 1 0 0; }
    ManagerScreen #set-kind { width: 32; }
    ManagerScreen #set-region { width: 10; }
    ManagerScreen .mgr-day { height: 1; }
    ManagerScreen .mgr-day .mgr-dayname { width: 5; padding: 0 0 0 1; }
    ManagerScreen .mgr-day Checkbox { width: auto; height: 1; border: none; padding: 0; }
    ManagerScreen .mgr-day Label { padding: 0 1; }
    ManagerScreen .mgr-day .mgr-time {
        width: 9; height: 1; border: none; padding: 0 1; background: $primary 20%;
    }
    ManagerScreen .mgr-day .mgr-time:focus { background: $accent 40%; }
    ManagerScreen #set-closed-days { height: 5; }
    ManagerScreen #mgr-rules-pane { height: 1fr; }
    ManagerScreen #mgr-rules { height: 1fr; }
    """
    BINDINGS = [  # noqa: RUF012
        key("t", "next_tab", "mgr.next_tab"),
        key("escape", "back", "key.close"),
        key("ctrl+r", "reload", "card.loading", show=False),
    ]

    def body(self) -> ComposeResult:
        """One tab per part (the first one chosen)."""
        with TabbedContent(id="mgr-tabs"):
            with TabPane(t("mgr.tab.users"), id="mgr-tab-users"):
                yield UsersPane()
            with TabPane(t("mgr.tab.desks"), id="mgr-tab-desks"):
                yield DesksPane()
            with TabPane(t("mgr.tab.settings"), id="mgr-tab-settings"):
                yield SettingsPane()
            with TabPane(t("mgr.tab.fields"), id="mgr-tab-fields"):
                yield FieldsPane()
            with TabPane(t("mgr.tab.rules"), id="mgr-tab-rules"):
                yield RulesPane()
            with TabPane(t("mgr.tab.access"), id="mgr-tab-access"):
                yield AccessPane()

    def prepare(self) -> None:
        """The title in the current language; the chosen tab's table takes the keys."""
        self.sub_title = t("mgr.title")
        self.call_after_refresh(self._focus_pane)

    @on(TabbedContent.TabActivated)
    def _tab_chosen(self) -> None:
        self._focus_pane()

    def pane(self) -> ManagerPane | None:
        """The pane of the chosen tab."""
        tabs = self.query_one("#mgr-tabs", TabbedContent)
        if tabs.active_pane is None:
            return None
        panes = list(tabs.active_pane.query(ManagerPane))
        return panes[0] if panes else None  # (not mounted yet: it takes the focus when it is)

    def _focus_pane(self) -> None:
        pane = self.pane()
        if pane is not None:
            pane.take_focus()

    def state_changed(self, reload: bool) -> None:
        """Nothing a call changes is shown here."""

    def action_reload(self) -> None:
        """Ctrl+R: the chosen tab again from the box."""
        pane = self.pane()
        if pane is not None:
            pane.load()

    def action_next_tab(self) -> None:
        """t: the next tab (after the last, the first)."""
        tabs = self.query_one("#mgr-tabs", TabbedContent)
        ids = [p.id for p in tabs.query(TabPane) if p.id]
        if tabs.active in ids:
            tabs.active = ids[(ids.index(tabs.active) + 1) % len(ids)]

    def action_back(self) -> None:
        """Escape: back to where the admin came from."""
        self.dismiss(None)
