"""Getting a desk to a logged-in client: pair if asked, find the box, log in or reuse a token."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from tui.client.desk_api import ClientFactory, DeskApi
from tui.client.discovery import find_boxes
from tui.client.errors import DeskError, NotLoggedInError
from tui.client.keystore import Keystore
from tui.client.pairing import pair
from tui.i18n import both


class SetupError(DeskError):
    """The desk cannot get going; the message says what to give it."""


@dataclass(frozen=True)
class Address:
    """host:port as given on the command line."""

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Address:
        """'host:port' (IPv6 in brackets); SetupError if it is not one."""
        host, sep, port = text.strip().rpartition(":")
        if not sep or not port.isdigit() or not host or not 0 < int(port) < 65536:
            raise SetupError(both("login.bad_address") + f": {text!r}")
        return cls(host.strip("[]"), int(port))


async def paired_client(
    keystore: Keystore,
    *,
    box: Address | None = None,
    code: str | None = None,
    desk_name: str | None = None,
    interfaces: list[str] | None = None,
    remember: bool = True,
    client_factory: ClientFactory = DeskApi,
) -> DeskApi:
    """A client for the pinned box (made by client_factory), pairing first when a code is given."""
    if code is not None:
        if box is None:
            seen = await find_boxes(3.0, interfaces=interfaces, enough=1)
            if not seen:
                raise SetupError(both("headless.no_box"))
            first = seen[0]
            target, fp, name = Address(first.host, first.port), first.fingerprint, first.name
        else:
            target, fp, name = box, None, f"{box.host}:{box.port}"
        await pair(
            keystore,
            target.host,
            target.port,
            code,
            box_name=name,
            advertised_fp=fp,
            desk_name=desk_name or socket.gethostname(),
        )
    elif not keystore.paired:
        raise SetupError(both("headless.not_paired"))
    elif box is not None:
        keystore.update_address(box.host, box.port)
    return client_factory(keystore, remember=remember)


async def unlock_if_locked(client: DeskApi) -> bool:
    """The box boots locked; a paired desk on the LAN unlocks it. True if it is unlocked now."""
    status = await client.status()
    if not status.locked:
        return True
    return not (await client.unlock()).locked


async def logged_in(client: DeskApi, user: str | None, password: str | None) -> DeskApi:
    """Unlock the box if need be, then log in with the credentials given, else keep the
    remembered token (SetupError if none)."""
    await unlock_if_locked(client)
    if user is not None:
        if password is None:
            raise SetupError(both("headless.login_needed"))
        await client.login(user, password)
    elif client.token is None:
        raise SetupError(both("headless.login_needed"))
    return client


__all__ = [
    "Address",
    "NotLoggedInError",
    "SetupError",
    "logged_in",
    "paired_client",
    "unlock_if_locked",
]
