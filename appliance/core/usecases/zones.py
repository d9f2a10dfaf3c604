"""Delivery zones as desks see and edit them (db thread)."""

from __future__ import annotations

from appliance.contract import ZoneIn, ZoneOut, ZonePatch
from appliance.core import editing, zones
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.core.views import restale
from appliance.db.models import DeliveryZone, database_proxy


def zone_out(z: DeliveryZone) -> ZoneOut:
    """A zone on the wire."""
    return ZoneOut(
        id=z.id,
        name=z.name,
        patterns=zones.patterns_of(z.patterns),
        fee=z.fee,
        minimum=z.minimum,
        minutes=z.minutes,
        version=z.version,
    )


def listed() -> list[ZoneOut]:
    """The shop's zones."""
    return [zone_out(z) for z in zones.live_zones()]


def add(actor: Actor, body: ZoneIn) -> ZoneOut:
    """A new zone."""
    fields = body.model_dump(exclude={"name", "patterns"})
    return zone_out(zones.create_zone(actor, body.name, body.patterns, **fields))


def patch(actor: Actor, zone_id: int, body: ZonePatch) -> ZoneOut:
    """A versioned edit."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True, exclude={"version"})
    try:
        with database_proxy.atomic():
            return zone_out(zones.update_zone(actor, zone_id, body.version, **changes))
    except StaleEdit as exc:
        raise restale(exc, zone_out(editing.get_row(DeliveryZone, zone_id))) from None


def delete(actor: Actor, zone_id: int, version: int) -> ZoneOut:
    """Remove a zone."""
    try:
        return zone_out(editing.soft_delete(actor, DeliveryZone, zone_id, version))
    except StaleEdit as exc:
        raise restale(exc, zone_out(editing.get_row(DeliveryZone, zone_id))) from None
