"""Key bindings whose hints follow the language: the catalogue key rides in Binding.id."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.dom import DOMNode

from tui.i18n import CATALOGUE, t


def key(
    keys: str, action: str, label: str, *, show: bool = True, priority: bool = False
) -> Binding:
    """A binding described by the catalogue entry `label`."""
    return Binding(keys, action, t(label), show=show, priority=priority, id=label)


def localize(node: DOMNode) -> None:
    """Re-describe node's bindings in the current language and refresh the key hints."""
    table = node._bindings.key_to_bindings
    for name, items in table.items():
        table[name] = [
            dataclasses.replace(b, description=t(b.id)) if b.id in CATALOGUE else b for b in items
        ]
    node.refresh_bindings()
