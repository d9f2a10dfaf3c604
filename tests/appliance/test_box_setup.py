"""The box's start-up parts (the whole box runs in tests/appliance/service/)."""

from __future__ import annotations


def test_a_box_on_every_interface_announces_a_lan_address() -> None:
    from appliance.box_setup import announce_on

    assert announce_on("127.0.0.1") == ("127.0.0.1", ["127.0.0.1"])
    host, interfaces = announce_on("0.0.0.0")
    assert host != "0.0.0.0" and interfaces == ["0.0.0.0"]
