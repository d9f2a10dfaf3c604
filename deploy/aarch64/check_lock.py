"""Does every package uv.lock pins install on a Raspberry Pi (Raspberry Pi OS 64-bit, bookworm:
CPython 3.11 on aarch64, glibc 2.36)? Reads the wheel lists in the lock, no network: each
package needs a wheel whose tags that Python accepts, or an sdist with a named recipe of Debian
packages it builds with. Usage: check_lock.py [uv.lock] [--json]; exit 1 if any package fails."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from packaging.markers import Marker
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

PYTHON = (3, 11)
GLIBC_MINOR = 36  # Debian bookworm / Raspberry Pi OS bookworm
MARKERS = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.2",
    "os_name": "posix",
    "platform_machine": "aarch64",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Linux",
    "platform_version": "",
    "python_full_version": "3.11.2",
    "python_version": "3.11",
    "sys_platform": "linux",
    "extra": "",
}
# sdists that build on the Pi, with the Debian packages that build them
BUILD_RECIPES: dict[str, tuple[str, ...]] = {
    "pyaudio": ("build-essential", "python3-dev", "portaudio19-dev"),
    "srt": (),  # one pure-Python module: the sdist builds a wheel with no compiler
    "forbiddenfruit": ("build-essential", "python3-dev"),  # tests only (blockbuster)
}


def target_tags() -> set[Tag]:
    """The wheel tags CPython 3.11 on aarch64 Linux with glibc 2.36 accepts."""
    platforms = [f"manylinux_2_{m}_aarch64" for m in range(GLIBC_MINOR, 16, -1)]
    platforms += ["manylinux2014_aarch64", "linux_aarch64"]
    tags = set(cpython_tags(PYTHON, abis=["cp311", "abi3", "none"], platforms=platforms))
    tags |= set(compatible_tags(PYTHON, "cp311", platforms=platforms))
    return tags


Locked = dict[str, list[dict[str, Any]]]  # name -> its entries (one per resolution fork)


def _entry(packages: Locked, name: str, version: str | None) -> dict[str, Any]:
    """The locked entry of `name` the target installs: the version a dependency names, else
    the one whose resolution markers hold on the Pi."""
    entries = packages[name]
    if version is not None:
        return next(e for e in entries if e["version"] == version)
    for e in entries:
        forks = e.get("resolution-markers")
        if forks is None or any(Marker(m).evaluate(MARKERS) for m in forks):
            return e
    return entries[0]


def closure(packages: Locked, root: str, dev: bool) -> list[dict[str, Any]]:
    """Entries reachable from `root` (with its dev group when `dev`) on the target's markers."""
    seen: dict[str, dict[str, Any]] = {}
    todo: list[tuple[str, str | None]] = [(root, None)]
    while todo:
        name, version = todo.pop()
        if name in seen:
            continue
        entry = seen[name] = _entry(packages, name, version)
        deps = list(entry.get("dependencies", []))
        if name == root and dev:
            for group in entry.get("dev-dependencies", {}).values():
                deps += group
        for dep in deps:
            marker = dep.get("marker")
            if marker is None or Marker(marker).evaluate(MARKERS):
                todo.append((canonicalize_name(dep["name"]), dep.get("version")))
    seen.pop(root)
    return sorted(seen.values(), key=lambda e: canonicalize_name(e["name"]))


def verdict(pkg: dict[str, Any], tags: set[Tag]) -> tuple[bool, str]:
    """(installs, how): the wheel that fits, the recipe that builds it, or why neither."""
    for wheel in pkg.get("wheels", []):
        filename = wheel["url"].rsplit("/", 1)[-1]
        _, _, _, wheel_tags = parse_wheel_filename(filename)
        if wheel_tags & tags:
            return True, f"wheel {filename}"
    name = canonicalize_name(pkg["name"])
    if "sdist" in pkg and name in BUILD_RECIPES:
        debs = BUILD_RECIPES[name]
        if not debs:
            return True, "pure-Python sdist: builds a wheel with no Debian package"
        return True, "builds from source with Debian's " + ", ".join(debs)
    if "sdist" in pkg:
        return False, "no aarch64 wheel; sdist only, no named build recipe"
    return False, "no aarch64 wheel and no sdist"


def check(lock_path: Path, dev: bool = False) -> list[dict[str, Any]]:
    """One row per locked package the box (and with `dev`, the test suite) installs."""
    lock = tomllib.loads(lock_path.read_text(encoding="utf-8"))
    packages: Locked = {}
    for p in lock["package"]:
        packages.setdefault(canonicalize_name(p["name"]), []).append(p)
    root = next(n for n, ps in packages.items() if ps[0].get("source", {}).get("editable") == ".")
    tags = target_tags()
    rows = []
    for entry in closure(packages, root, dev):
        ok, how = verdict(entry, tags)
        rows.append({"name": entry["name"], "version": entry["version"], "ok": ok, "how": how})
    return rows


def main(argv: list[str]) -> int:
    """Print the table (or JSON); 1 when a package would not install on the Pi."""
    args = [a for a in argv if not a.startswith("--")]
    lock = Path(args[0]) if args else Path("uv.lock")
    rows = check(lock, dev="--dev" in argv)
    if "--json" in argv:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            mark = "ok  " if row["ok"] else "FAIL"
            print(f"{mark} {row['name']} {row['version']}: {row['how']}")
        bad = sum(not r["ok"] for r in rows)
        print(f"{len(rows)} locked packages for aarch64 CPython 3.11: {bad} without a way in")
    return 1 if any(not r["ok"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
