"""The box's event hub: numbered events for every desk, and the `change` notice after commits."""

from appliance.core.events.change_notice import committed
from appliance.core.events.hub import EventHub, ResumeGapError

__all__ = ["EventHub", "ResumeGapError", "committed"]
