"""CallerID.com Whozz Calling units: records over serial or inside Ethernet Link UDP packets."""

from firmware_bridge.whozz.packet import Packet, parse_packet
from firmware_bridge.whozz.records import CallRecord, DetailRecord, parse_record

__all__ = ["CallRecord", "DetailRecord", "Packet", "parse_packet", "parse_record"]
