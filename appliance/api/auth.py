"""Logins and sessions over the User/Session rows; synchronous, run inside the DbExecutor.

Throttling after 5 failures (30 s doubling to 15 min), hard lock at 50 (admin unlock), one
message for every refusal (no user enumeration), 128-bit tokens stored only as SHA-256 hashes,
idle and absolute timeouts, every session ended on a password change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from appliance.api.passwords import check_new_password, hash_password, needs_rehash
from appliance.api.passwords import verify_password as _verify
from appliance.db.models import Session, User

THROTTLE_AFTER = 5
HARD_LOCK_AT = 50
FIRST_DELAY_S = 30
MAX_DELAY_S = 900
REFUSED = "ログインできません / login refused (wrong name or password, or locked: try later)"


class LoginRefusedError(Exception):
    """Any refused login: the same message whatever the cause."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


@dataclass(frozen=True)
class SessionPolicy:
    """Session timeouts (parameters, so tests use short ones)."""

    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)


def throttle_delay(failures: int) -> int:
    """Seconds an account waits after `failures` consecutive failures (0 below the threshold)."""
    if failures < THROTTLE_AFTER:
        return 0
    return int(min(FIRST_DELAY_S * 2 ** (failures - THROTTLE_AFTER), MAX_DELAY_S))


def token_hash(token: str) -> str:
    """What is stored for a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def login(
    username: str, password: str, now: dt.datetime, *, desk_id: int | None = None,
    policy: SessionPolicy = SessionPolicy(),
) -> tuple[str, User]:  # fmt: skip
    """Check the password and open a session -> (token, user); LoginRefusedError otherwise."""
    user = User.get_or_none(User.username == username.strip().lower())
    if user is None or not user.active:
        _verify("", password)  # the same Argon2 work as a real check
        raise LoginRefusedError
    if user.hard_locked or (user.locked_until is not None and user.locked_until > now):
        _verify("", password)
        raise LoginRefusedError
    if not _verify(user.password_hash, password):
        failures = int(user.failed_logins) + 1
        delay = throttle_delay(failures)
        User.update(
            failed_logins=failures,
            hard_locked=failures >= HARD_LOCK_AT,
            locked_until=now + dt.timedelta(seconds=delay) if delay else None,
        ).where(User.id == user.id).execute()
        raise LoginRefusedError
    changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if needs_rehash(user.password_hash):
        changes["password_hash"] = hash_password(password)
    User.update(**changes).where(User.id == user.id).execute()
    token = secrets.token_hex(16)  # 128 bits
    Session.create(
        token_hash=token_hash(token), user=user.id, desk=desk_id,
        last_seen_at=now, expires_at=now + policy.absolute,
    )  # fmt: skip
    return token, User.get_by_id(user.id)


def authenticate(token: str, now: dt.datetime, policy: SessionPolicy = SessionPolicy()) -> User:
    """The user behind a live session token (touching it); LoginRefusedError if ended or expired."""
    session = Session.get_or_none(Session.token_hash == token_hash(token))
    if (
        session is None
        or session.ended_at is not None
        or now >= session.expires_at
        or now - session.last_seen_at >= policy.idle
    ):
        if session is not None and session.ended_at is None:
            Session.update(ended_at=now).where(Session.id == session.id).execute()
        raise LoginRefusedError
    Session.update(last_seen_at=now).where(Session.id == session.id).execute()
    user: User = session.user
    if not user.active or user.hard_locked:
        raise LoginRefusedError
    return user


def logout(token: str, now: dt.datetime) -> None:
    """End one session."""
    Session.update(ended_at=now).where(
        (Session.token_hash == token_hash(token)) & Session.ended_at.is_null()
    ).execute()


def set_password(user_id: int, new_password: str, now: dt.datetime) -> None:
    """Set a new password (rules checked) and end every session of that user."""
    check_new_password(new_password)
    User.update(
        password_hash=hash_password(new_password), password_changed_at=now,
        failed_logins=0, locked_until=None,
    ).where(User.id == user_id).execute()  # fmt: skip
    Session.update(ended_at=now).where(
        (Session.user == user_id) & Session.ended_at.is_null()
    ).execute()


def change_password(user_id: int, old: str, new: str, now: dt.datetime) -> None:
    """A user changing their own password: the old one must match."""
    user = User.get_by_id(user_id)
    if not _verify(user.password_hash, old):
        raise LoginRefusedError
    set_password(user_id, new, now)


def admin_unlock(user_id: int) -> None:
    """Clear a hard lock and the failure count (admin action)."""
    User.update(failed_logins=0, locked_until=None, hard_locked=False).where(
        User.id == user_id
    ).execute()
