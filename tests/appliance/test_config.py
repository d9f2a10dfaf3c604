"""The box's TOML configuration."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from appliance.config import ConfigError, load_config, parse_config


def test_default_file_is_written_and_read(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert (tmp_path / "ringdesk.toml").exists()
    assert cfg.region == "JP" and cfg.lines[0].driver == "simulated"
    assert not cfg.ncid_enabled


def test_lines_and_hours() -> None:
    cfg = parse_config(
        {
            "region": "us",
            "lines": [
                {"name": "front", "driver": "modem", "device": "/dev/ttyACM0", "country": "JP"},
                {"name": "back", "driver": "whozz"},
            ],
            "business_hours": {"open": "17:00", "close": "02:00"},
        }
    )
    assert cfg.region == "US"
    assert cfg.lines[0].device == "/dev/ttyACM0" and cfg.lines[0].options == {"country": "JP"}
    assert cfg.is_open(time(23, 0)) and cfg.is_open(time(1, 0)) and not cfg.is_open(time(12, 0))


@pytest.mark.parametrize(
    "raw",
    [
        {"lines": [{"name": "a", "driver": "telepathy"}]},
        {"lines": [{"name": "a", "driver": "modem"}, {"name": "a", "driver": "modem"}]},
        {"business_hours": {"open": "25:99"}},
    ],
)
def test_bad_values_name_the_problem(raw: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError):
        parse_config(raw)


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "ringdesk.toml").write_text("name = [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config(tmp_path)


def test_each_line_has_call_rules_defaulting_to_what_its_driver_can_tell() -> None:
    cfg = parse_config(
        {
            "lines": [
                {"name": "shop", "driver": "modem", "device": "/dev/ttyACM0"},
                {"name": "office", "driver": "whozz"},
                {"name": "back", "driver": "modem", "hook_events": True, "missed_after_rings": 6},
                {"name": "fax", "driver": "nd-adapter", "call_timeout_s": 900},
            ]
        }
    )
    shop, office, back, fax = cfg.lines
    assert (shop.hook_events, shop.missed_after_rings, shop.call_timeout_s) == (False, 4, 3600.0)
    assert office.hook_events and "hook_events" not in office.options
    assert back.hook_events and back.missed_after_rings == 6
    assert not fax.hook_events and fax.call_timeout_s == 900.0


@pytest.mark.parametrize(
    "entry",
    [
        {"hook_events": "yes"},
        {"missed_after_rings": 0},
        {"missed_after_rings": 2.5},
        {"call_timeout_s": 10},
    ],
)
def test_bad_call_rules_name_the_line(entry: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError, match="line shop"):
        parse_config({"lines": [{"name": "shop", "driver": "modem", **entry}]})


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"name": "p"}, "exactly one of host, usb, device"),
        ({"host": "10.0.0.5", "usb": "04b8:0202"}, "exactly one"),
        ({"host": "10.0.0.5", "role": "bar"}, "role must be"),
        ({"host": "10.0.0.5", "paper_mm": 76}, "paper_mm must be 58 or 80"),
        ({"usb": "epson"}, "vendor:product in hex"),
        ({"host": "10.0.0.5", "port": "nine"}, "nine"),
        ({"host": "10.0.0.5", "check_every_s": 0}, "check_every_s must be seconds"),
    ],
)
def test_a_wrong_printer_entry_says_what_is_wrong(entry: dict[str, object], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        parse_config({"printers": [entry]}, "t")


def test_two_printers_with_one_name_are_refused() -> None:
    twice = [{"name": "p", "host": "10.0.0.5"}, {"name": "p", "device": "/dev/ttyUSB0"}]
    with pytest.raises(ConfigError, match="same name"):
        parse_config({"printers": twice}, "t")
