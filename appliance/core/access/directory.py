"""Who is there (db thread): users a callback can go to, desks with someone at them, oneself."""

from __future__ import annotations

import datetime as dt

from appliance.contract import DirectoryUserOut, MeUserOut, OnlineDeskOut
from appliance.core.access.sessions import Caller
from appliance.db.models import Desk, Session, User


def _name(user: User) -> str:
    return str(user.display_name or user.username)


def users_directory() -> list[DirectoryUserOut]:
    """Active users, by display name (db thread)."""
    rows = User.live().where(User.active == True).order_by(User.display_name, User.username)  # noqa: E712
    return [
        DirectoryUserOut(
            id=int(u.id), username=str(u.username), display_name=_name(u), role=str(u.role.name)
        )
        for u in rows
    ]


def me_user(caller: Caller) -> MeUserOut:
    """The caller's user row as the directory shows it (db thread)."""
    user = User.get_by_id(caller.user_id)
    return MeUserOut(
        user_id=caller.user_id,
        username=caller.username,
        display_name=_name(user),
        role=caller.role,
        desk_id=caller.desk_id,
    )


def online_desks(now: dt.datetime) -> list[OnlineDeskOut]:
    """Desks with an open, unexpired session of an active user, one row per desk and user."""
    rows = (
        Session.select(Session, User, Desk)
        .join(User, on=(Session.user == User.id))
        .switch(Session)
        .join(Desk, on=(Session.desk == Desk.id))
        .where(
            Session.ended_at.is_null()
            & (Session.expires_at > now)
            & (User.active == True)  # noqa: E712
            & User.deleted_at.is_null()
            & Desk.revoked_at.is_null()
        )
        .order_by(Desk.name, Desk.id)
    )
    seen: dict[tuple[int, int], OnlineDeskOut] = {}
    for s in rows:
        desk = s.desk
        assert desk is not None  # an inner join: every row has its desk
        key = (int(desk.id), int(s.user.id))
        seen.setdefault(
            key,
            OnlineDeskOut(
                desk_id=key[0], desk_name=str(desk.name), user_id=key[1], user_name=_name(s.user)
            ),
        )
    return list(seen.values())
