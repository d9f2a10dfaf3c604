"""`ringdesk callerid decode`: the JSON a person or script reads, other card rates, bad files."""

from __future__ import annotations

import csv
import json
import os
import wave
from pathlib import Path

import numpy as np
import pytest

from appliance.cli import main
from drivers.callerid import synth
from drivers.callerid.fsk import V23

CORPUS = Path(os.environ.get("RINGDESK_CORPUS", "/nonexistent")) / "callerid"


def write_wav(path: Path, x: np.ndarray, rate: int) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(synth.to_pcm16(x))
    return path


def ringdesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_in_the_issue_format_at_48khz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = synth.jclip([(0x02, b"0312345678")])
    x = np.concatenate(
        [
            synth.silence(0.5),
            synth.fsk(frame, V23, seizure=0, marks=300, stop_bits=5),
            synth.silence(0.5),
        ]
    )
    t = np.arange(int(x.size * 6)) / 48000
    x48 = np.interp(t, np.arange(x.size) / 8000, x)
    wav = write_wav(tmp_path / "jclip48k.wav", x48, 48000)
    code, out, err = ringdesk(capsys, "callerid", "decode", str(wav), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc == {
        "messages": [
            {
                "standard": "jclip",
                "offset_s": pytest.approx(0.75, abs=0.02),
                "type": "0x40",
                "fields": [{"code": "02", "value": "0312345678"}],
            }
        ]
    }


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_decode_compares_directly_with_the_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    with (CORPUS / "manifest.tsv").open(encoding="utf-8") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh, delimiter="\t")}
    for name in ("clip/e09_snr15.wav", "dtmf/d06_snr15.wav", "class/c02_snr15.wav"):
        _, out, _ = ringdesk(capsys, "callerid", "decode", str(CORPUS / name), "--json")
        (msg,) = json.loads(out)["messages"]
        got = ";".join(
            [f"type={msg['type']}", *(f"{f['code']}={f['value']}" for f in msg["fields"])]
        )
        assert got == rows[name]["expect"]


def test_unreadable_file_gets_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "not.wav"
    bad.write_bytes(b"RIFF nonsense")
    code, out, err = ringdesk(capsys, "callerid", "decode", str(bad))
    assert code != 0
    assert "読み込めません" in err + out
