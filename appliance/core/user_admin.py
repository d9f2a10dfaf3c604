"""Users as an admin manages them (db thread): list, create, edit (role, active, password,
unlock), and the rule that the last active admin stays one."""

from __future__ import annotations

from typing import Any

from appliance.contract import UserIn, UserOut, UserPatch
from appliance.core import audit, editing, users
from appliance.core.access import sessions
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, StaleEdit
from appliance.db.models import Role, User, database_proxy, utcnow

LAST_ADMIN = "最後の管理者は外せません / the last active admin must stay an active admin"


def user_out(u: User) -> UserOut:
    """A user on the wire."""
    locked = bool(u.hard_locked) or (u.locked_until is not None and u.locked_until > utcnow())
    return UserOut(
        id=u.id,
        username=u.username,
        display_name=u.display_name,
        role=str(u.role.name),
        active=u.active,
        locked=locked,
        hard_locked=u.hard_locked,
        version=u.version,
    )


def list_users() -> list[UserOut]:
    """Every live user, by name."""
    rows = User.live().join(Role, on=(User.role == Role.id)).order_by(User.username)
    return [user_out(u) for u in rows]


def create_user(actor: Actor, body: UserIn, password_hash: str) -> UserOut:
    """A new user (the password was checked and hashed off the db thread)."""
    row = users.create_user(
        actor,
        body.username,
        role=body.role,
        display_name=body.display_name,
        password_hash=password_hash,
    )
    return user_out(editing.get_row(User, int(row.id)))


def _admins_left(excluding: int) -> int:
    admin = Role.get_or_none(Role.name == "admin")
    if admin is None:
        return 0
    query = User.live().where((User.role == admin.id) & User.active & (User.id != excluding))
    return int(query.count())


def patch_user(actor: Actor, user_id: int, body: UserPatch, password_hash: str | None) -> UserOut:
    """Apply an admin's edit of a user; a new password (body.password, checked and hashed off
    the db thread into password_hash) ends every session of theirs."""
    with database_proxy.atomic():
        row = editing.get_row(User, user_id)
        changes: dict[str, Any] = {}
        if body.display_name is not None:
            changes["display_name"] = body.display_name.strip() or row.username
        if body.active is not None:
            changes["active"] = body.active
        if body.role is not None:
            changes["role"] = users.ensure_roles(actor)[body.role].id
        demoted = body.role not in (None, "admin") or body.active is False
        if demoted and row.role.name == "admin" and _admins_left(user_id) == 0:
            raise Conflict(LAST_ADMIN)
        try:
            editing.update(actor, User, user_id, body.version, changes)
        except StaleEdit as exc:
            raise StaleEdit(
                exc.entity, exc.row_id, exc.expected, user_out(row).model_dump(mode="json")
            ) from None
        if password_hash is not None:
            sessions.set_password_hash(user_id, password_hash, utcnow())
        if body.unlock:
            sessions.admin_unlock(user_id)
        if password_hash is not None or body.unlock:
            audit.record(actor, "user", user_id, "password" if password_hash else "unlock")
    return user_out(editing.get_row(User, user_id))
