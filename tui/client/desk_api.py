"""REST methods of the box contract (appliance/api/README.md), typed with the contract models."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from appliance.contract import (
    ActiveCallOut,
    AttachIn,
    BoxStatusOut,
    CallOut,
    CustomerCard,
    CustomerIn,
    CustomerPatch,
    CustomerSummary,
    DeskOut,
    DirectoryUserOut,
    HandoffIn,
    InteractionIn,
    MeUserOut,
    NoteIn,
    NoteOut,
    NotePatch,
    OnlineDeskOut,
    PairOpenOut,
    SavedSegmentIn,
    SavedSegmentOut,
    SegmentOut,
    TaskIn,
    TaskOut,
    TaskPatch,
    TimelineItem,
    UnlockIn,
    UnlockOut,
    UserOut,
)
from appliance.contract.bizcards import BusinessCardOut, CardSaveIn, CardScanOut
from tui.client.box_client import BoxClient
from tui.client.errors import ApiError, ClaimRefusedError
from tui.client.keystore import Keystore


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class DeskApi(BoxClient):
    """BoxClient plus one method per resource of the contract."""

    # customers ------------------------------------------------------------------------
    async def search(self, q: str, limit: int = 20) -> list[CustomerSummary]:
        """As-you-type search in any script."""
        return await self.call(
            list[CustomerSummary], "GET", "/customers/search", params={"q": q, "limit": limit}
        )

    async def lookup(self, number: str) -> list[CustomerSummary]:
        """Every customer on a number."""
        return await self.call(
            list[CustomerSummary], "GET", "/customers/lookup", params={"number": number}
        )

    async def customer(self, customer_id: int) -> CustomerCard:
        """The whole card."""
        return await self.call(CustomerCard, "GET", f"/customers/{customer_id}")

    async def create_customer(self, body: CustomerIn) -> CustomerCard:
        """A new customer."""
        return await self.call(CustomerCard, "POST", "/customers", json=body)

    async def patch_customer(self, customer_id: int, body: CustomerPatch) -> CustomerCard:
        """An edit; StaleEditError carries the current card when someone was first."""
        return await self.call(CustomerCard, "PATCH", f"/customers/{customer_id}", json=body)

    async def timeline(self, customer_id: int) -> list[TimelineItem]:
        """Calls, notes, orders and manual interactions, newest first."""
        return await self.call(list[TimelineItem], "GET", f"/customers/{customer_id}/timeline")

    async def add_interaction(self, customer_id: int, body: InteractionIn) -> Any:
        """A manual entry (email, fax, visit, sms, letter, web)."""
        return await self.request("POST", f"/customers/{customer_id}/interactions", json=body)

    async def scan_card(self, image: bytes) -> CardScanOut:
        """Read a business card image on the box; the scan waits there under its token."""
        data = await self.request("POST", "/bizcards/scan", content=image)
        return CardScanOut.model_validate(data)

    async def keep_card(self, body: CardSaveIn) -> BusinessCardOut:
        """Keep a scan with a customer (existing or new), with where and when exchanged."""
        return await self.call(BusinessCardOut, "POST", "/bizcards", json=body)

    # notes, products, orders ----------------------------------------------------------
    async def notes(self, customer_id: int) -> list[NoteOut]:
        """A customer's notes."""
        return await self.call(list[NoteOut], "GET", f"/customers/{customer_id}/notes")

    async def add_note(self, customer_id: int, body: NoteIn) -> NoteOut:
        """A note with the seconds spent on it."""
        return await self.call(NoteOut, "POST", f"/customers/{customer_id}/notes", json=body)

    async def patch_note(self, note_id: int, body: NotePatch) -> NoteOut:
        """Edit a note (versioned)."""
        return await self.call(NoteOut, "PATCH", f"/notes/{note_id}", json=body)

    # tasks and callbacks --------------------------------------------------------------
    async def tasks(self, assignee: int | None = None, open_only: bool = True) -> list[TaskOut]:
        """Tasks, by assignee."""
        params = {"assignee": assignee, "open": str(open_only).lower()}
        return await self.call(list[TaskOut], "GET", "/tasks", params=params)

    async def add_task(self, body: TaskIn) -> TaskOut:
        """A callback or task."""
        return await self.call(TaskOut, "POST", "/tasks", json=body)

    async def patch_task(self, task_id: int, body: TaskPatch) -> TaskOut:
        """Mark done, move, reassign (versioned)."""
        return await self.call(TaskOut, "PATCH", f"/tasks/{task_id}", json=body)

    async def callbacks(self) -> list[TaskOut]:
        """The shared callback board."""
        return await self.call(list[TaskOut], "GET", "/callbacks")

    # calls ----------------------------------------------------------------------------
    async def calls(
        self,
        *,
        missed: bool | None = None,
        line: str | None = None,
        desk: int | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: int = 100,
    ) -> list[CallOut]:
        """The call log with filters."""
        params: dict[str, Any] = {
            "missed": None if missed is None else str(missed).lower(),
            "line": line,
            "desk": desk,
            "since": _when(since),
            "until": _when(until),
            "limit": limit,
        }
        return await self.call(list[CallOut], "GET", "/calls", params=params)

    async def active_calls(self) -> list[ActiveCallOut]:
        """Calls ringing or in progress, with their current pop."""
        return await self.call(list[ActiveCallOut], "GET", "/calls/active")

    async def claim(self, call_id: int) -> CallOut:
        """'I'll take it'; ClaimRefusedError says who has it."""
        try:
            return await self.call(CallOut, "POST", f"/calls/{call_id}/claim")
        except ApiError as exc:
            if exc.status == 409:
                raise ClaimRefusedError(exc.detail, exc.body) from exc
            raise

    async def end_call(self, call_id: int) -> CallOut:
        """The end-of-call key: the call is over now, with its length."""
        return await self.call(CallOut, "POST", f"/calls/{call_id}/end")

    async def handoff(self, call_id: int, desk_id: int) -> CallOut:
        """Hand the card to another desk."""
        return await self.call(
            CallOut, "POST", f"/calls/{call_id}/handoff", json=HandoffIn(desk_id=desk_id)
        )

    async def attach(self, call_id: int, customer_id: int, label: str = "") -> CallOut:
        """Attach an unknown number to a customer."""
        body = AttachIn(customer_id=customer_id, label=label)
        return await self.call(CallOut, "POST", f"/calls/{call_id}/attach", json=body)

    # the box ----------------------------------------------------------------------------
    async def status(self) -> BoxStatusOut:
        """Lock state, lines, warnings (a paired desk, no login needed)."""
        return await self.call(BoxStatusOut, "GET", "/status")

    async def unlock(self) -> UnlockOut:
        """Desk-assisted unlock: present this desk's vault slot secret."""
        body = UnlockIn(secret=self.keystore.secret().hex())
        return await self.call(UnlockOut, "POST", "/unlock", json=body)

    async def open_pairing(self) -> PairOpenOut:
        """Admin: open pairing for a new desk; the code to show and how long it is open."""
        return await self.call(PairOpenOut, "POST", "/pair/open")

    # segments, users, desks -----------------------------------------------------------
    async def segment(self, q: str) -> SegmentOut:
        """A condition search."""
        return await self.call(SegmentOut, "GET", "/segments", params={"q": q})

    async def saved_segments(self) -> list[SavedSegmentOut]:
        """Kept condition searches."""
        return await self.call(list[SavedSegmentOut], "GET", "/segments/saved")

    async def save_segment(self, name: str, query: str) -> SavedSegmentOut:
        """Keep a condition search under a name."""
        body = SavedSegmentIn(name=name, query=query)
        return await self.call(SavedSegmentOut, "POST", "/segments/saved", json=body)

    async def users(self) -> list[UserOut]:
        """Users (admin)."""
        return await self.call(list[UserOut], "GET", "/users")

    async def desks(self) -> list[DeskOut]:
        """Paired desks (admin)."""
        return await self.call(list[DeskOut], "GET", "/desks")

    async def users_directory(self) -> list[DirectoryUserOut]:
        """Active users any operator may assign a callback to."""
        return await self.call(list[DirectoryUserOut], "GET", "/users/directory")

    async def desks_online(self) -> list[OnlineDeskOut]:
        """Desks with someone logged in now (hand-off targets)."""
        return await self.call(list[OnlineDeskOut], "GET", "/desks/online")

    async def me_user(self) -> MeUserOut:
        """This session's user and desk."""
        return await self.call(MeUserOut, "GET", "/me/user")


class ClientFactory(Protocol):
    """Makes the box client of a paired desk: DeskApi itself, a real desk's client with its
    replica keys (tui.desk_client), or a test's fake."""

    def __call__(self, keystore: Keystore, *, remember: bool = True) -> DeskApi:
        """A client for the box pinned in `keystore`; remember=False keeps no session."""
        ...
