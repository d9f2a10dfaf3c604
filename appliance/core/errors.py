"""Errors raised by use cases; each carries one clear message for the user."""

from __future__ import annotations


class RingdeskError(Exception):
    """Base of every error Ringdesk raises on purpose."""


class InvalidInput(RingdeskError):  # noqa: N818 - the name is the agreed interface
    """Input that cannot be accepted; the message says why."""
