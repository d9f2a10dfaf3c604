"""Logins on the real encrypted store: throttling, hard lock, no enumeration, sessions."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.core.access import sessions
from appliance.core.access.passwords import check_new_password, hash_password
from appliance.core.access.sessions import LoginRefusedError, SessionPolicy, throttle_delay
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.users import create_user
from appliance.db.models import User
from appliance.db.store import Store

T0 = dt.datetime(2026, 11, 22, 9, 0, 0)
PW = "kanda-soba-1923"
POLICY = SessionPolicy(idle=dt.timedelta(minutes=5), absolute=dt.timedelta(hours=1))


@pytest.fixture
def user(tmp_path: Path) -> Iterator[User]:
    store = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    actor = Actor(user_id=None, desk_id=None, name="管理者")
    yield create_user(actor, "sato", role="operator", password_hash=hash_password(PW))
    store.close()


def _refused(name: str, pw: str, now: dt.datetime) -> str:
    with pytest.raises(LoginRefusedError) as err:
        sessions.login(name, pw, now)
    return str(err.value)


def test_password_rules() -> None:
    for bad in ("short", "Password", "ＰＡＳＳＷＯＲＤ", "qwerty123"):
        with pytest.raises(InvalidInput):
            check_new_password(bad)
    check_new_password("とうきょうタワー")  # no composition rules


def test_throttle_schedule() -> None:
    assert [throttle_delay(n) for n in (4, 5, 6, 7, 9, 10, 49)] == [0, 30, 60, 120, 480, 900, 900]


def test_unknown_user_and_wrong_password_look_the_same(user: User) -> None:
    assert _refused("nobody", PW, T0) == _refused("sato", "wrong-password", T0)


def test_throttled_after_five_then_hard_locked_at_fifty(user: User) -> None:
    now = T0
    for _ in range(5):
        _refused("sato", "wrong-password", now)
    _refused("sato", PW, now + dt.timedelta(seconds=29))  # the right password waits too
    token, _ = sessions.login("sato", PW, now + dt.timedelta(seconds=31))
    assert len(token) == 32
    for _ in range(50):
        row = User.get_by_id(user.id)
        now = max(now, row.locked_until or now) + dt.timedelta(seconds=1)
        _refused("sato", "wrong-password", now)
    assert User.get_by_id(user.id).hard_locked
    _refused("sato", PW, now + dt.timedelta(days=30))
    sessions.admin_unlock(user.id)
    sessions.login("sato", PW, now + dt.timedelta(days=30))


def test_session_idle_and_absolute_timeouts(user: User) -> None:
    token, _ = sessions.login("sato", PW, T0, policy=POLICY)
    assert sessions.authenticate(token, T0 + dt.timedelta(minutes=4), POLICY).id == user.id
    assert sessions.authenticate(token, T0 + dt.timedelta(minutes=8), POLICY).id == user.id
    with pytest.raises(LoginRefusedError):
        sessions.authenticate(token, T0 + dt.timedelta(minutes=14), POLICY)  # idle 6 min
    token, _ = sessions.login("sato", PW, T0, policy=POLICY)
    t = T0
    for _ in range(15):
        t += dt.timedelta(minutes=4)
        if t >= T0 + POLICY.absolute:
            break
        sessions.authenticate(token, t, POLICY)
    with pytest.raises(LoginRefusedError):
        sessions.authenticate(token, T0 + POLICY.absolute, POLICY)
    with pytest.raises(LoginRefusedError):
        sessions.authenticate("0" * 32, T0, POLICY)


def test_password_change_ends_every_session(user: User) -> None:
    a, _ = sessions.login("sato", PW, T0)
    b, _ = sessions.login("sato", PW, T0)
    stored = sessions.stored_hash(user.id)
    with pytest.raises(LoginRefusedError):  # the hash changed since it was read: refused
        sessions.set_password_hash(user.id, hash_password("x"), T0, replaces=stored + "x")
    sessions.set_password_hash(user.id, hash_password("asakusa-kaminarimon"), T0, replaces=stored)
    for token in (a, b):
        with pytest.raises(LoginRefusedError):
            sessions.authenticate(token, T0)
    sessions.login("sato", "asakusa-kaminarimon", T0)
    sessions.logout(a, T0)


def test_a_login_split_around_its_password_check_keeps_every_rule(user: User) -> None:
    """The API checks the password off the db thread, between begin and finish: what happens
    to the user meanwhile still counts."""
    wrong = [sessions.begin_login("sato", T0) for _ in range(2)]  # two wrong tries at once
    for attempt in wrong:
        with pytest.raises(LoginRefusedError):
            sessions.finish_login(attempt, sessions.check_password(attempt, "wrong-password"), T0)
    assert User.get_by_id(user.id).failed_logins == 2  # neither count lost

    right = sessions.begin_login("sato", T0)
    verdict = sessions.check_password(right, PW)
    assert verdict.matched
    for _ in range(3):  # meanwhile other tries lock the account
        _refused("sato", "wrong-password", T0)
    with pytest.raises(LoginRefusedError):
        sessions.finish_login(right, verdict, T0)

    later = T0 + dt.timedelta(seconds=31)
    right = sessions.begin_login("sato", later)
    verdict = sessions.check_password(right, PW)
    sessions.set_password(user.id, "asakusa-kaminarimon", later)  # an admin sets a new password
    with pytest.raises(LoginRefusedError):  # the old one no longer opens a session
        sessions.finish_login(right, verdict, later)
    assert User.get_by_id(user.id).failed_logins == 0


def test_unknown_and_locked_accounts_pay_one_argon2_check_too(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    verify = sessions._verify

    def recording(stored: str, password: str) -> bool:
        checked.append(stored)
        return verify(stored, password)

    monkeypatch.setattr(sessions, "_verify", recording)
    User.update(hard_locked=True).where(User.id == user.id).execute()
    for name in ("nobody", "sato"):  # unknown; locked (with the right password)
        attempt = sessions.begin_login(name, T0)
        assert attempt.user_id is None and not sessions.check_password(attempt, PW).matched
    assert checked == ["", ""]  # each verified against the dummy hash: same time as a real one
