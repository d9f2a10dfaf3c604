"""Ringdesk appliance: the box's daemon, data core and API."""
