"""DESIGN §1 import rules that import-linter cannot express."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_FROM_APPLIANCE = {"appliance.contract"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_desk_imports_only_the_contract_from_the_appliance() -> None:
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in {"drivers", "firmware_bridge", "backups"}:
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
            if top == "appliance" and not any(
                name == a or name.startswith(a + ".") for a in ALLOWED_FROM_APPLIANCE
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_contract_imports_only_the_standard_library_and_third_party_packages() -> None:
    ours = {"appliance", "tui", "drivers", "firmware_bridge", "backups"}
    offenders = []
    for path in sorted((ROOT / "appliance" / "contract").rglob("*.py")):
        for name in _imports(path):
            inside = name == "appliance.contract" or name.startswith("appliance.contract.")
            if name.split(".")[0] in ours and not inside:
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_core_modules_do_not_load_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, appliance.core, appliance.db, drivers\n"
        "for pkg in (appliance.core, appliance.db, drivers):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


def test_the_box_client_and_the_replica_do_not_load_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.client, tui.replica\n"
        "for pkg in (tui.client, tui.replica):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"
