"""`ringdesk user unlock NAME` on the box: a user locked out after too many wrong passwords
(the last admin, say, whom no desk can unlock then) is let in again, and it is audited."""

from __future__ import annotations

import subprocess
from pathlib import Path

from appliance.db.models import AuditLog, User
from appliance.vault.vault import Vault
from tests.appliance.cli.terminal import RINGDESK

FAST = ["--argon-time", "1", "--argon-memory-kib", "8192"]


def _ringdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RINGDESK, *args], capture_output=True, text=True, check=False)


def test_a_hard_locked_admin_is_unlocked_from_the_box(tmp_path: Path) -> None:
    data = tmp_path / "box"
    pw = tmp_path / "pw.txt"
    pw.write_text("nagano-zenkoji-1998\n", encoding="utf-8")
    key = str(data / "usb.key")
    made = _ringdesk("init", "--data", str(data), "--key-file", key, *FAST)
    assert made.returncode == 0, made.stderr
    added = _ringdesk("user", "add", "kobayashi", "--role", "admin", "--password-file", str(pw),
                      "--data", str(data))  # fmt: skip
    assert added.returncode == 0, added.stderr
    store = Vault(data).unlock_with_keyfile().open_store()
    try:  # fifty wrong passwords later
        store.executor.call(lambda: User.update(hard_locked=True, failed_logins=50).execute())
    finally:
        store.close()
    listed = _ringdesk("user", "list", "--data", str(data))
    assert "locked" in listed.stdout
    done = _ringdesk("user", "unlock", "kobayashi", "--data", str(data))
    assert done.returncode == 0 and "unlocked: kobayashi" in done.stdout, done.stderr
    missing = _ringdesk("user", "unlock", "nobody", "--data", str(data))
    assert missing.returncode != 0 and "no user" in missing.stderr + missing.stdout
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        user = store.executor.call(lambda: User.get(User.username == "kobayashi"))
        audited = store.executor.call(
            lambda: AuditLog.select().where(AuditLog.action == "unlock").count()
        )
    finally:
        store.close()
    assert (user.hard_locked, user.failed_logins) == (False, 0) and audited == 1
