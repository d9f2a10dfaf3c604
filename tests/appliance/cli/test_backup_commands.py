"""`ringdesk backup now|list|verify` and `ringdesk restore`, run as the admin would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.db.models import Call, Customer
from tests.backups.conftest import plant

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]


def _init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    data = tmp_path / "box"
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    store = open_store_for(data)
    store.executor.call(plant, 6, 18)
    store.close()
    return data, code


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


def test_backup_verify_and_restore_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, code = _init(tmp_path, capsys)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["backup", "now", "--data", str(data), "--to", str(usb), "--drill"]) == 0
    out = capsys.readouterr().out
    assert "backed up" in out and "restore drill passed" in out
    monkeypatch.setenv("RINGDESK_BACKUP", str(usb))
    assert main(["backup", "list"]) == 0
    assert ".rdbk" in capsys.readouterr().out
    assert main(["backup", "verify", "--data", str(data)]) == 0
    assert ": ok" in capsys.readouterr().out

    _stdin(monkeypatch, code)
    assert main(["backup", "verify", "--recovery"]) == 0
    assert "rows restored" in capsys.readouterr().out

    [original] = list(usb.glob("*.rdbk"))
    bad = usb / original.name.replace("Z.rdbk", "Z-1.rdbk")
    raw = bytearray(original.read_bytes())
    raw[len(raw) // 2] ^= 0x40  # one bit rotted on the stick
    bad.write_bytes(bytes(raw))
    assert main(["backup", "verify", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"{original.name}: ok" in out and f"{bad.name}: " in out and "damaged" in out
    bad.unlink()

    new = tmp_path / "new-box"
    _stdin(monkeypatch, code)
    assert (
        main(
            [
                "restore",
                "--at",
                "latest",
                "--data",
                str(new),
                "--key-file",
                str(new / "demo.key"),
                *FAST,
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "restored" in captured.out and "復元 / restore [" in captured.err  # progress bar
    store = open_store_for(new)
    counts = store.executor.call(lambda: (Customer.select().count(), Call.select().count()))
    store.close()
    assert counts == (6, 18)


def test_restore_refuses_a_wrong_code_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _code = _init(tmp_path, capsys)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["backup", "now", "--data", str(data), "--to", str(usb)]) == 0
    capsys.readouterr()
    new = tmp_path / "new-box"
    _stdin(monkeypatch, "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567")
    assert main(["restore", "--at", "latest", "--from", str(usb), "--data", str(new)]) == 1
    assert "recovery code" in capsys.readouterr().err
    assert not new.exists()
    assert (
        main(["restore", "--at", "2001-01-01T00:00", "--from", str(usb), "--data", str(new)]) == 1
    )
    assert "no backup at or before" in capsys.readouterr().err
    assert main(["restore", "--at", "yesterday-ish", "--from", str(usb), "--data", str(new)]) == 1
    assert "cannot read the time" in capsys.readouterr().err


def test_backup_now_without_a_target_says_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _code = _init(tmp_path, capsys)
    monkeypatch.delenv("RINGDESK_BACKUP", raising=False)
    assert main(["backup", "now", "--data", str(data)]) == 1
    assert "--to" in capsys.readouterr().err
    assert main(["backup", "now", "--data", str(data), "--to", str(tmp_path / "no-stick")]) == 1
    assert "USB" in capsys.readouterr().err
