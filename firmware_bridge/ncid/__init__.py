"""An existing NCID server (TCP 3333) as a caller-ID source."""

from firmware_bridge.ncid.client import NcidClientParser, parse_fields

__all__ = ["NcidClientParser", "parse_fields"]
