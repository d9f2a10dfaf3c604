"""Chipset profiles: detection from identification answers, caller-ID commands per region."""

from __future__ import annotations

import pytest

from drivers.modem.profiles import (
    CONEXANT,
    GENERIC,
    ROCKWELL,
    SILABS,
    USR,
    chipset,
    detect,
    init_commands,
)


@pytest.mark.parametrize(
    ("answers", "want"),
    [
        ({"ATI0": ("56000",)}, CONEXANT),  # T1: Zoom 3095 / Dell RD02 CX93001
        ({"ATI0": ("0",), "ATI3": ("CX93001-EIS_V0.2013-V92",)}, CONEXANT),
        ({"ATI0": ("5601",), "ATI3": ("U.S. Robotics 56K FAX USB V1.2.23",)}, USR),
        ({"ATI0": ("?",), "AT+GMM": ("Si2493 ISOmodem",)}, SILABS),
        ({"ATI3": ("Rockwell RC56LD",)}, ROCKWELL),
        ({"ATI0": ("LT V.92 Data+Fax Modem Version 8.30",)}, chipset("agere")),
        ({"ATI0": ("ERROR-ish junk",)}, GENERIC),
        ({}, GENERIC),
    ],
)
def test_detect(answers: dict[str, tuple[str, ...]], want: object) -> None:
    assert detect(answers) is want


def test_japan_number_display_commands() -> None:
    assert CONEXANT.cid_commands("JP") == ("AT+GCI=00", "AT!4886=01", "AT+VCID=1")
    assert SILABS.cid_commands("jp") == ("AT+VCDT=3", "AT+VCID=1")
    assert USR.cid_commands("JP") == ("AT+VCID=1",)  # no Number Display mode: plain enable
    assert ROCKWELL.cid_commands("US") == ("AT#CID=1",)


def test_init_turns_echo_off_then_enables_caller_id() -> None:
    cmds = init_commands(CONEXANT, "US")
    assert cmds[0] == "ATE0" and cmds[-1] == "AT+VCID=1"


def test_query_answers_in_every_form() -> None:
    assert CONEXANT.cid_enabled(("0",)) is False  # Conexant's bare answer
    assert CONEXANT.cid_enabled(("+VCID: 1",)) is True
    assert ROCKWELL.cid_enabled(("#CID: 2",)) is True
    assert CONEXANT.cid_enabled(()) is None


def test_unknown_chipset_is_refused_with_the_known_names() -> None:
    with pytest.raises(ValueError, match="conexant"):
        chipset("zyxel")
