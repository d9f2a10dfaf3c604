"""Admin work on the db thread: users (roles, passwords, unlock), desks, settings."""

from __future__ import annotations

import json
import re
from typing import Any

import phonenumbers

from appliance.contract import DeskOut, SettingsOut, UserIn, UserOut, UserPatch
from appliance.core import audit, editing, settings, users
from appliance.core.access import sessions
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput, StaleEdit
from appliance.db.models import Desk, Role, Setting, User, database_proxy, utcnow

_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
LAST_ADMIN = "最後の管理者は外せません / the last active admin must stay an active admin"


def user_out(u: User) -> UserOut:
    """A user on the wire."""
    locked = bool(u.hard_locked) or (u.locked_until is not None and u.locked_until > utcnow())
    return UserOut(id=u.id, username=u.username, display_name=u.display_name,
                   role=str(u.role.name), active=u.active, locked=locked,
                   hard_locked=u.hard_locked, version=u.version)  # fmt: skip


def list_users() -> list[UserOut]:
    """Every live user, by name."""
    rows = User.live().join(Role, on=(User.role == Role.id)).order_by(User.username)
    return [user_out(u) for u in rows]


def create_user(actor: Actor, body: UserIn, password_hash: str) -> UserOut:
    """A new user (the password was checked and hashed off the db thread)."""
    row = users.create_user(
        actor, body.username, role=body.role, display_name=body.display_name,
        password_hash=password_hash,
    )  # fmt: skip
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
            raise StaleEdit(exc.entity, exc.row_id, exc.expected,
                            user_out(row).model_dump(mode="json")) from None  # fmt: skip
        if password_hash is not None:
            sessions.set_password_hash(user_id, password_hash, utcnow())
        if body.unlock:
            sessions.admin_unlock(user_id)
        if password_hash is not None or body.unlock:
            audit.record(actor, "user", user_id, "password" if password_hash else "unlock")
    return user_out(editing.get_row(User, user_id))


def desk_out(d: Desk) -> DeskOut:
    """A desk on the wire."""
    return DeskOut(
        id=d.id, name=d.name, fingerprint=d.cert_fingerprint, paired_at=d.paired_at,
        revoked_at=d.revoked_at, last_seen_at=d.last_seen_at, version=d.version,
    )  # fmt: skip


def list_desks() -> list[DeskOut]:
    """Every desk ever paired, revoked ones too."""
    return [desk_out(d) for d in Desk.live().order_by(Desk.id)]


def all_settings() -> SettingsOut:
    """Defaults overlaid with stored values (internal keys, starting with _, left out)."""
    values = dict(settings.DEFAULTS)
    for row in Setting.select().order_by(Setting.key):
        if not str(row.key).startswith("_"):
            values[str(row.key)] = json.loads(row.value)
    return SettingsOut(values=values)


def _check(key: str, value: Any) -> None:
    if not _KEY.match(key):
        raise InvalidInput(f"設定名が不正です / bad setting name {key!r} (a-z, 0-9, _ . -)")
    if key == "region" and value not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(f"地域コードが不正です / region must be a code like JP or US: {value!r}")
    if key == "currency" and not (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value)):
        raise InvalidInput(f"通貨コードが不正です / currency must be like JPY: {value!r}")
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise InvalidInput(
            f"{key}: NaN や無限大は保存できません / NaN and infinity cannot be stored"
        ) from None
    if len(text) > 20000:
        raise InvalidInput(f"値が大きすぎます / the value of {key} is too large")


def put_settings(actor: Actor, values: dict[str, Any]) -> SettingsOut:
    """Store every given value (checked first, so a bad one changes nothing)."""
    for key, value in values.items():
        _check(key, value)
    with database_proxy.atomic():
        for key, value in values.items():
            settings.set_setting(actor, key, value)
    return all_settings()
