"""The firmware's import closure stays inside files written in the MicroPython-compatible subset."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRMWARE = {
    "firmware_bridge.linecard.firmware.core",
    "firmware_bridge.linecard.firmware.hal",
    "firmware_bridge.linecard.framing",
    "firmware_bridge.linecard.ndmsg",
}
PACKAGES = {"firmware_bridge", "firmware_bridge.linecard", "firmware_bridge.linecard.firmware"}
FORBIDDEN_CALLS = {"dataclass", "field", "cast", "TypeVar"}


def _path(module: str, package: bool = False) -> Path:
    base = ROOT / Path(*module.split("."))
    return base / "__init__.py" if package else base.with_suffix(".py")


def test_firmware_imports_only_subset_modules() -> None:
    for module in sorted(FIRMWARE):
        tree = ast.parse(_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "__future__", module
                assert node.module is not None
                names = {f"{node.module}.{a.name}" for a in node.names} | {node.module}
                assert names & (FIRMWARE | PACKAGES), f"{module} imports {node.module}"
            elif isinstance(node, ast.Import):
                raise AssertionError(f"{module} imports {[a.name for a in node.names]}")
            elif isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS:
                raise AssertionError(f"{module} uses {node.id}")


def test_package_inits_on_the_way_are_docstring_only() -> None:
    for package in PACKAGES:
        tree = ast.parse(_path(package, package=True).read_text(encoding="utf-8"))
        assert all(isinstance(n, ast.Expr) for n in tree.body), package
