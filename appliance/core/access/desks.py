"""Paired desks as Desk rows: register at pairing, reload at start, revoke (db thread only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from appliance.contract import DeskOut, DeskPatch, LoginOut
from appliance.core import editing, settings, users
from appliance.core.access import sessions
from appliance.core.access.sessions import SessionPolicy
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.text import clean
from appliance.db.models import Desk, Session, User, utcnow

PAIRING = Actor.system("pairing")
# A certificate is public; it is kept as an internal setting because Desk has no PEM column.
CERT_KEY = "_desk_cert.{}"
# A desk's vault slot carries the name it paired with; a renamed desk keeps it here.
SLOT_KEY = "_desk_slot.{}"


@dataclass(frozen=True)
class PinnedDesk:
    """A desk whose certificate the box trusts."""

    desk_id: int
    name: str
    fingerprint: str
    cert_pem: bytes


def register_desk(name: str, fingerprint: str, cert_pem: bytes) -> int:
    """A Desk row for a desk that just paired (audited); its certificate kept for restarts."""
    with Desk._meta.database.atomic():
        desk = users.create_desk(PAIRING, name, fingerprint)
        settings.set_setting(PAIRING, CERT_KEY.format(desk.id), cert_pem.decode())
    return int(desk.id)


def pinned_desks() -> list[PinnedDesk]:
    """Every paired, unrevoked desk with its certificate."""
    out = []
    rows = Desk.live().where(Desk.revoked_at.is_null() & (Desk.cert_fingerprint != ""))
    for desk in rows.order_by(Desk.id):
        pem = settings.get_setting(CERT_KEY.format(desk.id))
        if pem:
            out.append(
                PinnedDesk(
                    int(desk.id), slot_name(desk), str(desk.cert_fingerprint), str(pem).encode()
                )
            )
    return out


def revoked_desks() -> list[PinnedDesk]:
    """Revoked desks (no certificate: a revoked desk is trusted nowhere), oldest first."""
    rows = Desk.select().where(Desk.revoked_at.is_null(False)).order_by(Desk.id)
    return [PinnedDesk(int(d.id), slot_name(d), str(d.cert_fingerprint), b"") for d in rows]


def slot_name(desk: Desk) -> str:
    """The name of the desk's vault slot: the one it paired with, whatever it is called now."""
    return str(settings.get_setting(SLOT_KEY.format(desk.id)) or desk.name)


def slot_name_of(desk_id: int) -> str:
    """slot_name of the desk with this id."""
    return slot_name(editing.get_row(Desk, desk_id))


def rename(actor: Actor, desk_id: int, body: DeskPatch) -> DeskOut:
    """Give a desk a new name (audited); its vault slot keeps the name it paired with."""
    label = clean(body.name)
    if not label:
        raise InvalidInput("端末名が空です / the desk name is empty")
    with Desk._meta.database.atomic():
        desk = editing.get_row(Desk, desk_id)
        if desk.revoked_at is not None:
            raise Conflict(f"取り消し済みです / desk #{desk_id} is revoked")
        if settings.get_setting(SLOT_KEY.format(desk_id)) is None:
            settings.set_setting(actor, SLOT_KEY.format(desk_id), str(desk.name))
        row = editing.update(actor, Desk, desk_id, body.version, {"name": label})
    return desk_out(row)


def revoke_desk(actor: Actor, desk_id: int) -> Desk:
    """Mark the desk revoked and end its sessions; Conflict when it already is."""
    desk = editing.get_row(Desk, desk_id)
    if desk.revoked_at is not None:
        raise Conflict(f"取り消し済みです / desk #{desk_id} is already revoked")
    now = utcnow()
    with Desk._meta.database.atomic():
        row = editing.update(actor, Desk, desk_id, int(desk.version), {"revoked_at": now})
        Session.update(ended_at=now).where(
            (Session.desk == desk_id) & Session.ended_at.is_null()
        ).execute()
    return row


def revoke(actor: Actor, desk_id: int) -> DeskOut:
    """revoke_desk, answered as the desk now is on the wire."""
    return desk_out(revoke_desk(actor, desk_id))


def touch_desk(desk_id: int | None) -> int | None:
    """Stamp last_seen_at on a live desk row; its id, or None when there is no such row."""
    if desk_id is None:
        return None
    count = (
        Desk.update(last_seen_at=utcnow())
        .where((Desk.id == desk_id) & Desk.revoked_at.is_null())
        .execute()
    )
    return desk_id if count else None


def finish_login_at_desk(
    attempt: sessions.Attempt,
    verdict: sessions.Verdict,
    now: dt.datetime,
    desk_id: int | None,
    policy: SessionPolicy,
) -> tuple[str, User]:
    """sessions.finish_login with the session tied to the desk row (when the desk has one)."""
    return sessions.finish_login(attempt, verdict, now, desk_id=touch_desk(desk_id), policy=policy)


def logged_in_at_desk(
    attempt: sessions.Attempt,
    verdict: sessions.Verdict,
    now: dt.datetime,
    desk_id: int | None,
    policy: SessionPolicy,
) -> LoginOut:
    """finish_login_at_desk, answered as the login's wire model."""
    token, user = finish_login_at_desk(attempt, verdict, now, desk_id, policy)
    return LoginOut(token=token, username=str(user.username), role=str(user.role.name))  # type: ignore[arg-type]


def desk_out(d: Desk) -> DeskOut:
    """A desk on the wire."""
    return DeskOut(
        id=d.id,
        name=d.name,
        fingerprint=d.cert_fingerprint,
        paired_at=d.paired_at,
        revoked_at=d.revoked_at,
        last_seen_at=d.last_seen_at,
        version=d.version,
    )


def list_desks() -> list[DeskOut]:
    """Every desk ever paired, revoked ones too."""
    return [desk_out(d) for d in Desk.live().order_by(Desk.id)]
