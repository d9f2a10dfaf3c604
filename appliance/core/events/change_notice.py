"""`change` events: a desk's replica pulls at once after a commit instead of on its poll."""

from __future__ import annotations

import asyncio
import weakref

from appliance.core.events.hub import EventHub

DELAY_S = 0.02  # a burst of commits (an import, a busy minute) gives one event
_pending: weakref.WeakSet[EventHub] = weakref.WeakSet()


def committed(hub: EventHub) -> None:
    """Publish one `change` event shortly, unless one is already on its way (event loop)."""
    if hub in _pending:
        return
    _pending.add(hub)

    def publish() -> None:
        _pending.discard(hub)
        hub.publish("change", {})

    asyncio.get_running_loop().call_later(DELAY_S, publish)
