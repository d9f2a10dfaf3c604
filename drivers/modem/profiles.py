"""Chipset profiles: init and caller-ID commands per modem family, picked from ATI / AT+GMM."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Chipset:
    """What a modem family needs sent, and how it reports; `key` names it in settings."""

    key: str
    label: str
    identify: tuple[str, ...]  # regexes matched against ATI0/ATI3/AT+GMM answers
    cid_enable: tuple[str, ...] = ("AT+VCID=1",)
    cid_enable_jp: tuple[str, ...] | None = None  # None: no NTT Number Display mode
    cid_query: str | None = "AT+VCID?"
    voice_format: str = "AT+VSM=1,8000,0,0"
    silence_detect: str = "AT+VSD=0,0"
    abort_receive: bytes = b"!"
    ignore_while_streaming: frozenset[str] = frozenset()  # bogus <DLE> codes during +VTX/+VRX
    extra_init: tuple[str, ...] = ()  # e.g. distinctive-ring cadence reports

    def cid_commands(self, region: str) -> tuple[str, ...]:
        """Caller-ID enable commands for a region ("JP" selects Number Display where possible)."""
        if region.upper() == "JP" and self.cid_enable_jp is not None:
            return self.cid_enable_jp
        return self.cid_enable

    def cid_enabled(self, info: tuple[str, ...]) -> bool | None:
        """Read the query answer: "1", "+VCID: 1", "#CID: 1"; None when it says nothing."""
        for line in info:
            m = re.search(r"(\d+)\s*$", line)
            if m:
                return m.group(1) != "0"
        return None


CONEXANT = Chipset(
    "conexant",
    "Conexant CX930xx",
    (r"^56000$", r"CX9300\d", r"CX930", r"Conexant", r"Zoom 3095", r"SoftK56"),
    cid_enable_jp=("AT+GCI=00", "AT!4886=01", "AT+VCID=1"),
)
USR = Chipset(
    "usr5637",
    "U.S. Robotics 5637",
    (r"U\.?S\.? ?Robotics", r"USR ?5637", r"^5601$", r"USR"),
    voice_format="AT+VSM=128,8000",
    silence_detect="AT+VSD=128,0",
    ignore_while_streaming=frozenset({"dialtone", "interrupt"}),
)
AGERE = Chipset(
    "agere",
    "Agere / Lucent",
    (r"Agere", r"Lucent", r"LT V\.9\d", r"SV92"),
    extra_init=("AT+VDR=1,0",),  # DRON=/DROF= lines: the ring cadence (NCID Modems.md)
)
SILABS = Chipset(
    "silabs",
    "Silicon Labs ISOmodem",
    (r"Si24\d\d", r"Si2493", r"ISOmodem", r"Silicon Lab"),
    cid_enable_jp=("AT+VCDT=3", "AT+VCID=1"),
)
ROCKWELL = Chipset(
    "rockwell",
    "Rockwell-style (#CID)",
    (r"Rockwell", r"RC56", r"RCV\d", r"Askey"),
    cid_enable=("AT#CID=1",),
    cid_query="AT#CID?",
)
GENERIC = Chipset("generic", "Generic V.253", ())

CHIPSETS: dict[str, Chipset] = {c.key: c for c in (CONEXANT, USR, AGERE, SILABS, ROCKWELL, GENERIC)}
# Asked in this order during detection; each answer is matched against every profile.
IDENTIFY_COMMANDS = ("ATI0", "ATI3", "AT+GMM")


def chipset(key: str) -> Chipset:
    """The profile named `key`; raises ValueError listing the known names."""
    try:
        return CHIPSETS[key.lower()]
    except KeyError:
        known = ", ".join(sorted(CHIPSETS))
        raise ValueError(f"unknown chipset {key!r} (known: {known}, or auto)") from None


def detect(answers: dict[str, tuple[str, ...]]) -> Chipset:
    """Pick a profile from identification answers (command -> info lines); GENERIC if none fits."""
    for command in IDENTIFY_COMMANDS:
        for line in answers.get(command, ()):
            for profile in CHIPSETS.values():
                if any(re.search(p, line.strip(), re.IGNORECASE) for p in profile.identify):
                    return profile
    return GENERIC


def init_commands(profile: Chipset, region: str) -> tuple[str, ...]:
    """Commands after ATZ: echo off (it returns after every reset), verbose, caller ID on."""
    return ("ATE0", "ATV1", "ATQ0", *profile.extra_init, *profile.cid_commands(region))
