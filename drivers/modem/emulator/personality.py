"""Emulated chipset personalities: identification answers and the quirks each family shows."""

from __future__ import annotations

from dataclasses import dataclass

CONEXANT_VSM = (
    '0,"SIGNED PCM",8,0,8000,0,0',
    '1,"UNSIGNED PCM",8,0,8000,0,0',
    '129,"IMA ADPCM",4,0,8000,0,0',
    '130,"UNSIGNED PCM",8,0,8000,0,0',
    '131,"Mu-Law",8,0,8000,0,0',
    '132,"A-Law",8,0,8000,0,0',
    '133,"14 bit PCM",14,0,8000,0,0',
)
USR_VSM = ('128,"8-BIT LINEAR",(7200,8000,11025)',)


@dataclass(frozen=True)
class Personality:
    """How one modem family answers and misbehaves (facts: tests/drivers/modem/data/)."""

    key: str
    ati: dict[str, tuple[str, ...]]  # "I0", "I3", "+GMM" -> info lines
    cid_command: str = "+VCID"  # "#CID" on Rockwell-style firmware
    query_bare: bool = False  # AT+VCID? answers "0", not "+VCID: 0"
    forgets_cid_on_reset: bool = False  # +VCID reads 0 after ATZ even after AT&W
    dtmf_style: str = "wrapped"  # wrapped: <DLE>/<DLE>5<DLE>~ ; plain: <DLE>5 ; repeat
    bogus_dialtone_streaming: bool = False  # USR: <DLE>d while playing/recording
    silence_only_s: bool = False  # Lucent/Agere report <DLE>s for both s and q
    jp_mode: str | None = None  # "gci" (AT+GCI=00 + AT!4886=01) or "vcdt" (AT+VCDT=3)
    cid_format: str = "formatted"  # formatted "DATE = ", compact "DATE=", hex for +VCID=2
    vsm: tuple[str, ...] = CONEXANT_VSM


PERSONALITIES: dict[str, Personality] = {
    p.key: p
    for p in (
        Personality(
            "conexant",
            {"I0": ("56000",), "I3": ("CX93001-EIS_V0.2013-V92",), "+GMM": ("V90/V92",)},
            query_bare=True,
            forgets_cid_on_reset=True,
            jp_mode="gci",
        ),
        Personality(
            "usr5637",
            {"I0": ("5601",), "I3": ("U.S. Robotics 56K FAX USB V1.2.23",), "+GMM": ("USR5637",)},
            dtmf_style="plain",
            bogus_dialtone_streaming=True,
            cid_format="compact",
            vsm=USR_VSM,
        ),
        Personality(
            "agere",
            {
                "I0": ("LT V.92 Data+Fax Modem Version 8.30",),
                "I3": ("Agere SV92P",),
                "+GMM": ("Agere Systems",),
            },
            silence_only_s=True,
        ),
        Personality(
            "silabs",
            {
                "I0": ("Si2493 ISOmodem",),
                "I3": ("Silicon Laboratories Si2493",),
                "+GMM": ("Si2493",),
            },
            dtmf_style="repeat",
            jp_mode="vcdt",
        ),
        Personality(
            "rockwell",
            {"I0": ("RC56LD",), "I3": ("Rockwell RC56LD V.90",), "+GMM": ("RC56LD",)},
            cid_command="#CID",
            dtmf_style="plain",
        ),
    )
}


def personality(key: str) -> Personality:
    """The personality named `key`; raises ValueError listing the known ones."""
    try:
        return PERSONALITIES[key.lower()]
    except KeyError:
        known = ", ".join(sorted(PERSONALITIES))
        raise ValueError(f"unknown modem personality {key!r} (known: {known})") from None
