"""Users, roles and desks as rows (password hashing and login checks live in the auth layer)."""

from __future__ import annotations

import json

from appliance.core import editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.text import clean
from appliance.db.models import Desk, Role, User, utcnow
from appliance.db.models.admin import ROLE_NAMES

DEFAULT_PERMISSIONS: dict[str, list[str]] = {
    "admin": [
        "users",
        "desks",
        "settings",
        "backups",
        "reports",
        "exports",
        "recordings",
        "customers",
        "calls",
        "notes",
        "orders",
    ],
    "manager": ["reports", "exports", "recordings", "customers", "calls", "notes", "orders"],
    "operator": ["customers", "calls", "notes", "orders"],
}


def ensure_roles(actor: Actor) -> dict[str, Role]:
    """The three standard roles, created when missing."""
    roles = {}
    for name in ROLE_NAMES:
        role = Role.get_or_none(Role.name == name)
        if role is None:
            role = editing.create(
                actor, Role, name=name, permissions=json.dumps(DEFAULT_PERMISSIONS[name])
            )
        roles[name] = role
    return roles


def create_user(
    actor: Actor,
    username: str,
    *,
    role: str = "operator",
    display_name: str = "",
    password_hash: str = "",
) -> User:
    """A new user with a role; username is NFKC and lower-cased, unique."""
    name = clean(username).lower()
    if not name or " " in name:
        raise InvalidInput(f"ユーザー名が不正です / bad user name: {username!r}")
    if role not in ROLE_NAMES:
        raise InvalidInput(f"役割が不正です / role must be one of {ROLE_NAMES}")
    if User.get_or_none(User.username == name) is not None:
        raise Conflict(f"同じユーザー名があります / user {name!r} already exists")
    roles = ensure_roles(actor)
    return editing.create(
        actor,
        User,
        username=name,
        display_name=clean(display_name) or name,
        role=roles[role].id,
        password_hash=password_hash,
        password_changed_at=utcnow() if password_hash else None,
    )


def create_desk(actor: Actor, name: str, cert_fingerprint: str = "") -> Desk:
    """Register a desk (pairing fills in its certificate fingerprint)."""
    label = clean(name)
    if not label:
        raise InvalidInput("端末名が空です / the desk name is empty")
    return editing.create(
        actor,
        Desk,
        name=label,
        cert_fingerprint=cert_fingerprint,
        paired_at=utcnow() if cert_fingerprint else None,
    )


def actor_for(user: User, desk: Desk | None) -> Actor:
    """The Actor written into audit rows for this user at this desk."""
    return Actor(
        user_id=int(user.id),
        desk_id=int(desk.id) if desk is not None else None,
        name=str(user.display_name or user.username),
    )
