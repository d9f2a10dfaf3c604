"""`ringdesk recordings list|verify|export-wav|transcribe` on a real box directory."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.cli.context import open_store_for
from appliance.recordings.store import OpenBox, RecordingStore
from tests.appliance.recordings.audio import voice
from tests.appliance.recordings.conftest import customer_call

FAST = ["--argon-time", "1", "--argon-memory-kib", "1024"]


def _box(tmp_path: Path) -> tuple[Path, int, list[str]]:
    data = tmp_path / "box"
    assert main(["init", "--data", str(data), "--key-file", str(data / "demo.key"), *FAST]) == 0
    store = open_store_for(data)
    try:
        customer_id, call_id = customer_call(store, "佐々木 健太", "06-6123-4567")
        rstore = RecordingStore(data / "recordings", OpenBox(store), create_root=True)
        uids = []
        for seconds in (1.5, 2.5):
            sink = rstore.open(call_id)
            sink.write(voice(seconds))
            sink.close()
            uids.append(sink.uid)
    finally:
        store.close()
    return data, customer_id, uids


def test_list_verify_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, customer_id, uids = _box(tmp_path)
    capsys.readouterr()
    assert main(["recordings", "list", "--customer", str(customer_id), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "2.5s" in out and "1.5s" in out and "complete" in out and "2 件" in out
    assert main(["recordings", "verify", "--data", str(data)]) == 0
    assert capsys.readouterr().out.count("ok ") == 2
    wav = tmp_path / "out.wav"
    assert main(["recordings", "export-wav", "2", str(wav), "--data", str(data)]) == 0
    with wave.open(str(wav)) as w:
        assert w.getnframes() == 20000
    assert main(["recordings", "export-wav", "2", str(data / "x.wav"), "--data", str(data)]) == 1
    assert "outside" in capsys.readouterr().err
    target = data / "recordings" / f"{uids[0]}.rdrec"
    raw = bytearray(target.read_bytes())
    raw[60] ^= 0x10
    target.write_bytes(bytes(raw))
    assert main(["recordings", "verify", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "BAD" in out and "chunk 0 fails authentication" in out
    assert main(["recordings", "verify", "99", "--data", str(data)]) == 1
    assert "no recording with id 99" in capsys.readouterr().err


def test_transcribe_with_a_missing_vosk_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _, _ = _box(tmp_path)
    code = main(
        [
            "recordings",
            "transcribe",
            "1",
            "--engine",
            "vosk",
            "--vosk-model",
            str(tmp_path / "nope"),
            "--data",
            str(data),
        ]
    )
    assert code == 1 and "Vosk" in capsys.readouterr().err
