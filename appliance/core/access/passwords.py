"""Password rules (DESIGN §6): at least 8 characters, not a common password, Argon2id hashes."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from appliance.core.errors import InvalidInput

MIN_LENGTH = 8
_HASHER = PasswordHasher()  # argon2-cffi defaults (Argon2id)
_LIST = Path(__file__).with_name("common_passwords.txt")
# One thread for every hash and check: the db thread (which the call path waits on) never does
# Argon2 work, and a burst of logins costs 64 MiB at a time, not 64 MiB each.
_ARGON2 = ThreadPoolExecutor(1, thread_name_prefix="argon2")
T = TypeVar("T")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, folded (NFKC, case-folded)."""
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(x) for x in lines if x.strip() and not x.startswith("#"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def check_new_password(password: str) -> None:
    """Raise InvalidInput (JA/EN) if the password is too short or too common; no other rules."""
    if len(unicodedata.normalize("NFKC", password)) < MIN_LENGTH:
        raise InvalidInput(
            f"パスワードは{MIN_LENGTH}文字以上にしてください / "
            f"the password needs at least {MIN_LENGTH} characters"
        )
    if _fold(password) in common_passwords():
        raise InvalidInput(
            "よく使われるパスワードは使えません / that password is too common, choose another"
        )


def hash_password(password: str) -> str:
    """Argon2id hash with the library defaults."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True if the password matches; a missing or damaged hash never matches."""
    try:
        return _HASHER.verify(stored or _dummy_hash(), password) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True if the hash was made with older parameters."""
    return _HASHER.check_needs_rehash(stored)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against for unknown users (same work: no user enumeration); made on
    first use, not at import (an Argon2id hash costs 64 MiB and a noticeable fraction of a
    second of the box's start)."""
    return _HASHER.hash("ringdesk: no such user")


async def off_db(fn: Callable[..., T], *args: object) -> T:
    """fn(*args) (a hash or a check) on the password thread, one at a time."""
    return await asyncio.get_running_loop().run_in_executor(_ARGON2, fn, *args)
