"""No import circle in the box's middle (DESIGN: dependencies point one way); grimp's graph."""

from __future__ import annotations

import grimp

# Circles older than this test, inside one small package each; none may grow or be added.
KNOWN = [
    {"appliance.recordings.sealed", "appliance.recordings.store", "appliance.recordings.voicemail"},
    {"appliance.vault.unlocked", "appliance.vault.vault"},
    {"appliance.cli.commands._restore_replica", "appliance.cli.commands.restore"},
    {"drivers.modem.driver", "drivers.modem.voice"},
    {"drivers.modem.emulator.core", "drivers.modem.emulator.line"},
]


def circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """The strongly connected components of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child)
                    work.append((child, iter(sorted(imported))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_new_import_circle() -> None:
    graph = grimp.build_graph("appliance", "drivers", "firmware_bridge", "backups")
    new = [sorted(c) for c in circles(graph) if c not in KNOWN]
    assert new == []


def test_the_finder_sees_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert circles(graph) == [{"a.x", "a.y"}]
