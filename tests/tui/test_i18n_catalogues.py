"""The catalogue: feature modules merge in, a key defined twice is refused, both languages match."""

from __future__ import annotations

import string
import sys
import types
from pathlib import Path

import pytest

from tui.i18n import CATALOGUE, merge_catalogues


def _package(tmp_path: Path, name: str, modules: dict[str, str]) -> types.ModuleType:
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("")
    for module, body in modules.items():
        (root / f"{module}.py").write_text(body)
    sys.path.insert(0, str(tmp_path))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(tmp_path))


def test_feature_module_rows_are_merged(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "cat_ok", {"menu": 'STRINGS = {"menu.title": ("品書き", "Menu")}'})
    target = {"app.title": ("デスク", "desk")}
    merge_catalogues(target, pkg)
    assert target["menu.title"] == ("品書き", "Menu")
    assert target["app.title"] == ("デスク", "desk")


def test_key_defined_twice_is_refused(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "cat_clash", {"menu": 'STRINGS = {"app.title": ("x", "y")}'})
    with pytest.raises(RuntimeError, match=r"app\.title"):
        merge_catalogues({"app.title": ("デスク", "desk")}, pkg)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_take_the_same_placeholders(key: str) -> None:
    ja, en = CATALOGUE[key]
    assert ja.strip() and en.strip()
    assert _fields(ja) == _fields(en)
