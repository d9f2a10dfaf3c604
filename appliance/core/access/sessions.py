"""Logins and sessions over the User/Session rows: steps run inside the DbExecutor, but for
check_password, the Argon2 work, which the API runs off it (passwords.off_db).

Throttling after 5 failures (30 s doubling to 15 min), hard lock at 50 (admin unlock), one
message for every refusal (no user enumeration), 128-bit tokens stored only as SHA-256 hashes,
idle and absolute timeouts, every session ended on a password change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from appliance.core.access.passwords import check_new_password, hash_password, needs_rehash
from appliance.core.access.passwords import verify_password as _verify
from appliance.core.actor import Actor
from appliance.db.models import Session, User

THROTTLE_AFTER = 5
HARD_LOCK_AT = 50
FIRST_DELAY_S = 30
MAX_DELAY_S = 900
TOUCH_EVERY = dt.timedelta(seconds=30)  # a busy desk commits last_seen_at only this often
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


@dataclass(frozen=True)
class Attempt:
    """A login read on the db thread: whose password hash the password is checked against."""

    user_id: int | None  # None: unknown, inactive or locked, refused whatever the password
    stored: str  # the hash to verify ("": the dummy one, the same Argon2 work)


@dataclass(frozen=True)
class Verdict:
    """The password check, made off the db thread."""

    matched: bool
    rehashed: str | None = None  # a new hash when the stored one has older parameters


def begin_login(username: str, now: dt.datetime) -> Attempt:
    """Read the user a login names (db thread)."""
    user = User.get_or_none(User.username == username.strip().lower())
    if user is None or not user.active or _locked(user, now):
        return Attempt(None, "")
    return Attempt(int(user.id), str(user.password_hash))


def check_password(attempt: Attempt, password: str) -> Verdict:
    """Argon2id verify (and rehash) for an attempt; no database work, so run it off the db
    thread (passwords.off_db): each check costs ~0.1 s of CPU and 64 MiB."""
    if not _verify(attempt.stored, password) or attempt.user_id is None:
        return Verdict(False)
    return Verdict(True, hash_password(password) if needs_rehash(attempt.stored) else None)


def finish_login(
    attempt: Attempt,
    verdict: Verdict,
    now: dt.datetime,
    *,
    desk_id: int | None = None,
    policy: SessionPolicy = SessionPolicy(),
) -> tuple[str, User]:
    """Count a failure or open a session -> (token, user); LoginRefusedError otherwise (db
    thread). The user is read again: a lock or a new password since begin_login wins."""
    user = User.get_or_none(User.id == attempt.user_id) if attempt.user_id is not None else None
    if user is None or not user.active or str(user.password_hash) != attempt.stored:
        raise LoginRefusedError
    if not verdict.matched:
        failures = int(user.failed_logins) + 1  # read just now, on the one db thread
        delay = throttle_delay(failures)
        User.update(
            failed_logins=failures,
            hard_locked=failures >= HARD_LOCK_AT,
            locked_until=now + dt.timedelta(seconds=delay) if delay else None,
        ).where(User.id == user.id).execute()
        raise LoginRefusedError
    if _locked(user, now):  # a concurrent wrong attempt locked it meanwhile
        raise LoginRefusedError
    changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if verdict.rehashed is not None:
        changes["password_hash"] = verdict.rehashed
    User.update(**changes).where(User.id == user.id).execute()
    token = secrets.token_hex(16)  # 128 bits
    Session.create(
        token_hash=token_hash(token),
        user=user.id,
        desk=desk_id,
        last_seen_at=now,
        expires_at=now + policy.absolute,
    )
    return token, User.get_by_id(user.id)


def login(
    username: str,
    password: str,
    now: dt.datetime,
    *,
    desk_id: int | None = None,
    policy: SessionPolicy = SessionPolicy(),
) -> tuple[str, User]:
    """begin, check and finish in one go on this thread (the API splits them) -> (token, user)."""
    attempt = begin_login(username, now)
    verdict = check_password(attempt, password)
    return finish_login(attempt, verdict, now, desk_id=desk_id, policy=policy)


def _locked(user: User, now: dt.datetime) -> bool:
    return bool(user.hard_locked) or (user.locked_until is not None and user.locked_until > now)


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
    """Set a new password (rules checked, hashed on this thread): set_password_hash."""
    check_new_password(new_password)
    set_password_hash(user_id, hash_password(new_password), now)


def set_password_hash(
    user_id: int, password_hash: str, now: dt.datetime, *, replaces: str | None = None
) -> None:
    """Store a new password's hash and end every session of that user; with `replaces`, only
    if the stored hash is still that one (LoginRefusedError otherwise)."""
    query = User.update(
        password_hash=password_hash,
        password_changed_at=now,
        failed_logins=0,
        locked_until=None,
    ).where(User.id == user_id)
    if replaces is not None:
        query = query.where(User.password_hash == replaces)
    if query.execute() == 0 and replaces is not None:
        raise LoginRefusedError
    Session.update(ended_at=now).where(
        (Session.user == user_id) & Session.ended_at.is_null()
    ).execute()


def stored_hash(user_id: int) -> str:
    """A user's password hash, for a check made off the db thread."""
    return str(User.get_by_id(user_id).password_hash)


def admin_unlock(user_id: int) -> None:
    """Clear a hard lock and the failure count (admin action)."""
    User.update(failed_logins=0, locked_until=None, hard_locked=False).where(
        User.id == user_id
    ).execute()


@dataclass(frozen=True)
class Caller:
    """A logged-in user at a desk: role for checks, actor for audit rows."""

    user_id: int
    username: str
    role: str
    desk_id: int | None
    actor: Actor


def _fresh(token: str, now: dt.datetime, policy: SessionPolicy) -> User | None:
    """The user of a session seen within TOUCH_EVERY (no write needed), else None."""
    session = Session.get_or_none(Session.token_hash == token_hash(token))
    if (
        session is None
        or session.ended_at is not None
        or now >= session.expires_at
        or not dt.timedelta(0) <= now - session.last_seen_at < min(TOUCH_EVERY, policy.idle)
    ):
        return None
    user: User = session.user
    return user if user.active and not user.hard_locked else None


def session_caller(
    token: str, now: dt.datetime, policy: SessionPolicy, desk_id: int | None
) -> Caller:
    """The session's user, refused when it was opened on another desk (db thread)."""
    # Touching last_seen_at is a committed write; a busy desk needs it only now and then.
    user = _fresh(token, now, policy) or authenticate(token, now, policy)
    session = Session.get(Session.token_hash == token_hash(token))
    bound = session.__data__.get("desk")
    if bound is not None and bound != desk_id:
        raise LoginRefusedError
    name = str(user.display_name or user.username)
    return Caller(
        int(user.id),
        str(user.username),
        str(user.role.name),
        desk_id,
        Actor(user_id=int(user.id), desk_id=desk_id, name=name),
    )
