"""Users, roles, desks, sessions, the audit log, the block list and settings."""

from __future__ import annotations

import peewee

from appliance.db.models.base import BaseModel, EditableModel, utcnow

ROLE_NAMES = ("admin", "manager", "operator")


class Role(EditableModel):
    """A role (admin, manager, operator) and its permissions as a JSON list."""

    name = peewee.CharField(unique=True)
    permissions = peewee.TextField(default="[]")


class User(EditableModel):
    """A person who logs in on a desk; password is an Argon2id hash."""

    username = peewee.CharField(unique=True)
    display_name = peewee.CharField(default="")
    password_hash = peewee.CharField(default="")
    role = peewee.ForeignKeyField(Role, backref="users", on_delete="RESTRICT")
    active = peewee.BooleanField(default=True)
    failed_logins = peewee.IntegerField(default=0)
    locked_until = peewee.DateTimeField(null=True)
    hard_locked = peewee.BooleanField(default=False)
    password_changed_at = peewee.DateTimeField(null=True)


class Desk(EditableModel):
    """A paired desk (a PC in the office) and its pinned certificate."""

    name = peewee.CharField()
    cert_fingerprint = peewee.CharField(default="", index=True)
    paired_at = peewee.DateTimeField(null=True)
    revoked_at = peewee.DateTimeField(null=True)
    last_seen_at = peewee.DateTimeField(null=True)


class Session(BaseModel):
    """A login session: only a hash of the token is stored."""

    token_hash = peewee.CharField(unique=True)
    user = peewee.ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    desk = peewee.ForeignKeyField(Desk, null=True, backref="sessions", on_delete="SET NULL")
    last_seen_at = peewee.DateTimeField(default=utcnow)
    expires_at = peewee.DateTimeField()
    ended_at = peewee.DateTimeField(null=True)


class AuditLog(BaseModel):
    """One change: who, at which desk, what, before → after, hash-chained to the previous row."""

    at = peewee.DateTimeField(default=utcnow, index=True)
    user_id = peewee.IntegerField(null=True)
    desk_id = peewee.IntegerField(null=True)
    actor_name = peewee.CharField(default="")
    entity = peewee.CharField()
    entity_id = peewee.IntegerField(null=True)
    action = peewee.CharField()
    before = peewee.TextField(null=True)
    after = peewee.TextField(null=True)
    # The chain hashes payload_digest, not before/after, so an erasure request (APPI) can
    # blank the personal data of old rows without breaking the chain.
    payload_digest = peewee.CharField()
    redacted_at = peewee.DateTimeField(null=True)
    prev_hash = peewee.CharField()
    hash = peewee.CharField()

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


class BlockList(EditableModel):
    """A number whose calls are flagged or rejected."""

    e164 = peewee.CharField(null=True, index=True)
    national = peewee.CharField(index=True)
    reason = peewee.TextField(default="")


class Setting(BaseModel):
    """One setting: key and JSON value."""

    key = peewee.CharField(unique=True)
    value = peewee.TextField(default="null")
