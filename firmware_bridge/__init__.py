"""Caller-ID devices with their own firmware: ND adapters, Whozz Calling, NCID, the line card."""
