"""The Dockerfile, read as Docker parses it (no engine runs here to build it): two stages, the
compilers only in the first, a non-root final stage with the data volume, a HEALTHCHECK and
the box as its command, every package of the wheel copied in; hadolint where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        pending += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            word, _, rest = pending.partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
            pending = ""
    return out


def stages() -> list[list[tuple[str, str]]]:
    """The instructions of each FROM stage."""
    out: list[list[tuple[str, str]]] = []
    for word, args in instructions():
        if word == "FROM":
            out.append([])
        out[-1].append((word, args))
    return out


def test_two_stages_and_no_compiler_in_the_final_one() -> None:
    build, final = stages()
    assert build[0][1].endswith(" AS build")
    assert any("build-essential" in a for w, a in build if w == "RUN")
    for word, args in final:
        for compiler in ("build-essential", "gcc", "-dev ", "portaudio19-dev", "pip install"):
            assert compiler not in args + " ", (word, args)
    assert ("COPY", "--from=build /opt/ringdesk /opt/ringdesk") in final


def test_final_stage_is_non_root_with_data_volume_healthcheck_and_the_box() -> None:
    final = dict(stages()[-1])
    assert final["USER"] not in ("root", "0")
    assert final["VOLUME"] == '["/data"]'
    assert "RINGDESK_DATA=/data" in final["ENV"]
    assert final["HEALTHCHECK"].startswith("--interval=")
    assert "CMD" in final["HEALTHCHECK"] and "8443" in final["HEALTHCHECK"]
    assert final["CMD"] == '["ringdesk", "box", "--host", "0.0.0.0"]'
    assert "useradd --system" in final["RUN"]


def test_every_package_of_the_wheel_is_copied_into_the_build() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    copied = {args.split()[0] for word, args in stages()[0] if word == "COPY"}
    assert set(packages) <= copied


def test_devices_and_volume_are_documented() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    for needed in ("--device /dev/ttyACM0", "-v ringdesk-data:/data", "/dev/snd", "udev"):
        assert needed in text


@pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint is not installed")
def test_hadolint_finds_no_warning() -> None:
    done = subprocess.run(
        ["hadolint", "--failure-threshold", "warning", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
