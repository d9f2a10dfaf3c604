"""The browser desk's login before any desk process starts: tickets for a logged-in page.

The serving PC logs the user in at the box (the box's own checks and limits apply); a good
login gives the page a one-time ticket, and only a ticket starts a desk process, which is
handed the session the login made. No process is started for a wrong or missing password.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tui.client.box_client import BoxClient
from tui.client.keystore import Keystore

COOKIE = "ringdesk_ticket"
TICKET_S = 120.0  # a page that logged in has this long to open its desk
MAX_TICKETS = 16
SESSION_ENV = "RINGDESK_SESSION_TOKEN"  # how a desk process is handed its session


@dataclass
class Ticket:
    """A logged-in page's right to one desk process."""

    token: str
    username: str
    expires: float


@dataclass
class Tickets:
    """Tickets by their secret; each is taken once, and dies after TICKET_S."""

    clock: Callable[[], float] = time.monotonic
    live: dict[str, Ticket] = field(default_factory=dict)

    def issue(self, token: str, username: str) -> str:
        """A new ticket for this session (the oldest is dropped past MAX_TICKETS)."""
        self._expire()
        while len(self.live) >= MAX_TICKETS:
            self.live.pop(next(iter(self.live)))
        secret = secrets.token_urlsafe(32)
        self.live[secret] = Ticket(token, username, self.clock() + TICKET_S)
        return secret

    def valid(self, secret: str | None) -> bool:
        """True while the ticket can still open a desk."""
        self._expire()
        return secret is not None and secret in self.live

    def take(self, secret: str | None) -> Ticket | None:
        """The ticket's session, once; None when unknown, used or expired."""
        self._expire()
        return self.live.pop(secret, None) if secret is not None else None

    def _expire(self) -> None:
        now = self.clock()
        for secret in [s for s, t in self.live.items() if t.expires <= now]:
            del self.live[secret]


async def box_login(keystore: Keystore, username: str, password: str) -> tuple[str, str]:
    """Log in at the paired box: (session token, username). DeskError when refused."""
    client = BoxClient(keystore, remember=False)
    try:
        out = await client.login(username, password)
    finally:
        await client.aclose()
    return out.token, out.username
