"""`ringdesk cards scan`: the issue's JSON shape, a readable text form, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.bizcard.generator import make_card
from appliance.cli import main


def ringdesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_in_the_issue_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = make_card(1, lang="en", vert=False, style="scan")
    path = tmp_path / "card.jpg"
    card.image.save(path, "JPEG", quality=90)
    code, out, _ = ringdesk(capsys, "cards", "scan", str(path), "--json")
    assert code == 0
    got = json.loads(out)
    fields = got["fields"]
    assert set(fields) == {
        "name", "reading", "company", "department", "title", "postal_code", "address",
        "phones", "email", "url",
    }  # fmt: skip
    assert fields["name"] == card.truth.name
    assert fields["email"] == card.truth.email
    assert {p["kind"] for p in fields["phones"]} == {p.kind for p in card.truth.phones}
    assert 0 < got["confidence"]["name"] <= 1


def test_text_form_labels_each_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "card.png"
    make_card(3, lang="ja", vert=False, style="clean").image.save(path)
    code, out, _ = ringdesk(capsys, "cards", "scan", str(path))
    assert code == 0
    assert "氏名 / name" in out and "電話 / tel" in out


def test_a_file_that_is_no_image_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "card.jpg"
    path.write_text("not a picture")
    code, _, err = ringdesk(capsys, "cards", "scan", str(path))
    assert code == 1 and "画像として読めません" in err
    code, _, err = ringdesk(capsys, "cards", "scan", str(tmp_path / "missing.jpg"))
    assert code == 1 and "cannot read" in err
