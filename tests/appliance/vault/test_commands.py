"""ringdesk init / vault / privacy and open_store_for, as a person runs them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from appliance.cli import UserFacingError, main
from appliance.cli.context import open_store_for
from appliance.core.actor import Actor
from appliance.core.call_log import attach_recording, create_call
from appliance.core.customers import create_customer
from appliance.db.models import Call, Customer
from appliance.vault.keys import normalize_recovery_code

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]
CODE = re.compile(r"^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$", re.M)


def _init(data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["init", "--data", str(data), *FAST, *extra]) == 0
    found = CODE.search(capsys.readouterr().out)
    assert found
    return found.group(0)


def test_without_key_file_commands_say_how_to_unlock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path / "box", capsys)
    with pytest.raises(UserFacingError) as err:
        open_store_for(tmp_path / "box")
    assert "施錠" in str(err.value) and "The box is locked" in str(err.value)
    assert main(["vault", "unlock-test", "--data", str(tmp_path / "box")]) == 1
    assert "recovery code" in capsys.readouterr().err


def test_recovery_code_is_never_stored_and_sheet_goes_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "box"
    sheet = tmp_path / "print" / "recovery.html"
    sheet.parent.mkdir()
    assert main(["init", "--data", str(data), "--sheet", str(data / "s.html"), *FAST]) == 1
    assert "recovery sheet must not" in capsys.readouterr().err
    code = _init(data, capsys, "--sheet", str(sheet))
    assert code in sheet.read_text()
    for path in data.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert code.encode() not in raw and normalize_recovery_code(code).encode() not in raw
    assert main(["init", "--data", str(data), *FAST]) == 1
    assert "already has a vault" in capsys.readouterr().err


def test_unlock_test_with_recovery_code_on_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "box"
    code = _init(data, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\n"))
    assert main(["vault", "unlock-test", "--recovery", "--data", str(data)]) == 1
    assert "cannot unlock" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(code.lower() + "\n"))
    assert main(["vault", "unlock-test", "--recovery", "--data", str(data)]) == 0
    assert "unlocked" in capsys.readouterr().out


def test_desk_revoke_and_rotate_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "box"
    _init(data, capsys, "--key-file", str(data / "demo.key"))
    store = open_store_for(data)
    actor = Actor.system()
    store.executor.call(lambda: create_customer(actor, "高橋 美咲", phones=["03-3201-7788"]))
    store.close()
    assert main(["vault", "add-desk", "desk-1", "--data", str(data)]) == 0
    assert main(["vault", "revoke", "desk-1", "--rotate", "--data", str(data)]) == 0
    assert main(["vault", "slots", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "data key rotated" in out and "desk-1" not in out.split("rotated")[-1]
    store = open_store_for(data)
    names = store.executor.call(lambda: [c.display_name for c in Customer.select()])
    store.close()
    assert names == ["高橋 美咲"]


def test_tampered_slot_file_stops_commands_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "box"
    _init(data, capsys, "--key-file", str(data / "demo.key"))
    slots = data / "vault.slots"
    slots.write_bytes(slots.read_bytes().replace(b'"version": 1', b'"version": 1, "x": 0', 1))
    slots.write_bytes(slots.read_bytes()[:-40])
    with pytest.raises(UserFacingError, match="tampered"):
        open_store_for(data)


def test_privacy_erase_needs_yes_and_removes_recordings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "box"
    _init(data, capsys, "--key-file", str(data / "demo.key"))
    store = open_store_for(data)
    actor = Actor.system()
    (data / "recordings").mkdir()
    (data / "recordings" / "c1.rec").write_bytes(b"\x00sealed audio")

    def seed() -> int:
        customer = create_customer(actor, "中村 恵子", phones=["090-3344-5566"])
        call = create_call(actor, "line1", number="090-3344-5566", customer_id=int(customer.id))
        attach_recording(actor, int(call.id), "c1.rec")
        return int(customer.id)

    cid = store.executor.call(seed)
    store.close()
    assert main(["privacy", "erase", str(cid), "--data", str(data)]) == 1
    assert main(["privacy", "erase", str(cid), "--yes", "--data", str(data)]) == 0
    assert not (data / "recordings" / "c1.rec").exists()
    store = open_store_for(data)
    row = store.executor.call(lambda: Call.get())
    name = store.executor.call(lambda: Customer.get_by_id(cid).display_name)
    store.close()
    assert (row.recording_ref, row.number) == ("", "") and "中村" not in name
    assert main(["privacy", "export", "999", "--data", str(data)]) == 1
    assert "no customer with id 999" in capsys.readouterr().err


def test_usb_key_file_and_new_recovery_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "box"
    old = _init(data, capsys, "--key-file", str(data / "demo.key"))
    usb = tmp_path / "media" / "usb" / "box.key"
    assert main(["vault", "add-keyfile", str(usb), "--data", str(data)]) == 0
    assert main(["vault", "add-keyfile", str(usb), "--data", str(data)]) == 1  # never overwrites
    assert "already exists" in capsys.readouterr().err
    assert main(["vault", "revoke", "keyfile", "--data", str(data)]) == 0  # the in-dir demo file
    pulled = usb.rename(tmp_path / "elsewhere.key")  # the stick is out: the box stays locked
    assert main(["vault", "new-recovery-code", "--data", str(data), *FAST]) == 1
    capsys.readouterr()
    assert (
        main(["vault", "new-recovery-code", "--key-file", str(pulled), "--data", str(data), *FAST])
        == 0
    )
    new = CODE.search(capsys.readouterr().out)
    assert new and new.group(0) != old
    assert main(["vault", "slots", "--data", str(data)]) == 0
    listing = capsys.readouterr().out
    assert str(usb) in listing and "demo.key" not in listing
    monkeypatch.setattr("sys.stdin", io.StringIO(old + "\n"))
    assert main(["vault", "unlock-test", "--recovery", "--data", str(data)]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(new.group(0) + "\n"))
    assert main(["vault", "unlock-test", "--recovery", "--data", str(data)]) == 0


def test_failed_init_leaves_nothing_half_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "box"
    taken = tmp_path / "taken.key"
    taken.write_bytes(b"someone else's file")
    assert main(["init", "--data", str(data), "--key-file", str(taken), *FAST]) == 1
    assert taken.read_bytes() == b"someone else's file"
    from appliance.vault.unlocked import Unlocked

    def disk_full(self: Unlocked, *, create: bool = False) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Unlocked, "open_store", disk_full)
    assert main(["init", "--data", str(data), "--key-file", str(data / "k.key"), *FAST]) == 1
    assert "undone" in capsys.readouterr().err
    assert list(data.iterdir()) == []
    monkeypatch.undo()
    _init(data, capsys)  # a second try works
