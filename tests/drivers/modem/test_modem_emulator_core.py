"""Emulated modem core (sans-IO): personalities, quirks, calls, voice, read back by the AT layer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import CallerId, Dtmf, Reason, ToneEvent
from drivers.modem.at import AtItem, AtSession, Echo, Reply, RingLine, StreamEnded, VoiceData
from drivers.modem.emulator import (
    PERSONALITIES,
    EmulatedCall,
    ModemCore,
    dtmf,
    hangup,
    personality,
    talk,
)
from drivers.modem.emulator.atline import AtCommand, split


class Bench:
    """A modem core and an AT session wired back to back, on a fake clock."""

    def __init__(self, chipset: str, **kw: float) -> None:
        self.modem = ModemCore(personality(chipset), **kw)
        self.at = AtSession(cid_idle_s=0.05)
        self.now = 0.0

    def cmd(self, text: str) -> list[AtItem]:
        out = self.at.receive(self.modem.receive(self.at.command(text), self.now), self.now)
        return out + self.run(0.5)

    def send(self, data: bytes) -> list[AtItem]:
        return self.at.receive(self.modem.receive(data, self.now), self.now)

    def run(self, seconds: float, step: float = 0.02) -> list[AtItem]:
        out: list[AtItem] = []
        end = self.now + seconds
        while self.now < end:
            self.now += step
            out += self.at.receive(self.modem.poll(self.now), self.now)
            out += self.at.poll(self.now)
        return out


def _replies(items: list[AtItem]) -> list[Reply]:
    return [i for i in items if isinstance(i, Reply)]


def test_split_compound_lines() -> None:
    assert split("AT Z S0=0 E1 V1 Q0") == [
        AtCommand("basic", "Z"),
        AtCommand("sreg", "0", "=0"),
        AtCommand("basic", "E", "1"),
        AtCommand("basic", "V", "1"),
        AtCommand("basic", "Q", "0"),
    ]
    assert split("AT-SCID=1;+VCID=1;-STE=3") == [
        AtCommand("ext", "-SCID", "=1"),
        AtCommand("ext", "+VCID", "=1"),
        AtCommand("ext", "-STE", "=3"),
    ]
    assert split("ATDT5551234;") == [AtCommand("dial", "D", "T5551234;")]
    assert split("HELLO") is None and split("AT\x01") is None


def test_echo_returns_after_atz_and_vcid_is_forgotten_on_conexant() -> None:
    b = Bench("conexant")
    assert isinstance(b.cmd("ATE0")[0], Echo)  # power-on echo is on; the ATE0 line echoed
    assert b.cmd("AT+VCID=1") == [Reply("AT+VCID=1", "OK")]
    b.cmd("AT&W")
    b.cmd("ATZ")
    got = b.cmd("ATV1")
    assert got == [Echo("ATV1"), Reply("ATV1", "OK")]  # echo is back
    assert _replies(b.cmd("AT+VCID?")) == [Reply("AT+VCID?", "OK", ("0",))]  # bare 0


def test_usr_keeps_stored_caller_id_and_prefixes_its_answer() -> None:
    b = Bench("usr5637")
    b.cmd("AT+VCID=1")
    b.cmd("AT&W")
    b.cmd("ATZ")
    assert _replies(b.cmd("AT+VCID?")) == [Reply("AT+VCID?", "OK", ("+VCID: 1",))]


def test_call_rings_and_caller_id_only_once_enabled() -> None:
    b = Bench("conexant")
    b.cmd("ATE0")
    b.modem.place_call(EmulatedCall("0312345678", "ヤマダ タロウ", rings=2, ring_interval_s=1))
    got = b.run(3)
    assert [i for i in got if isinstance(i, RingLine)] and not [
        i for i in got if isinstance(i, CallerId)
    ]
    b.cmd("AT+VCID=1")
    b.modem.place_call(EmulatedCall("0312345678", "ヤマダ タロウ", rings=2, ring_interval_s=1))
    got = b.run(3)
    (cid,) = [i for i in got if isinstance(i, CallerId)]
    assert (cid.number, cid.name) == ("0312345678", "ヤマダ タロウ")
    assert len([i for i in got if isinstance(i, RingLine)]) == 2


def test_hex_and_compact_formats_and_withheld() -> None:
    for fmt in ("sdmf", "mdmf", "compact", "formatted"):
        b = Bench("usr5637")
        b.cmd("AT+VCID=1")
        b.modem.place_call(
            EmulatedCall(
                "4075550000",
                "JOHN DOE",
                rings=2,
                ring_interval_s=1,
                cid_format=fmt,
                when="05111852",
            )
        )
        (cid,) = [i for i in b.run(3) if isinstance(i, CallerId)]
        assert cid.number == "4075550000" and cid.when == "05111852", fmt
    b = Bench("usr5637")
    b.cmd("AT+VCID=1")
    b.modem.place_call(EmulatedCall(None, reason="P", rings=1, ring_interval_s=1))
    (cid,) = [i for i in b.run(2) if isinstance(i, CallerId)]
    assert cid.number is None and cid.reason is Reason.WITHHELD


def test_japan_number_display_needs_the_chipset_commands() -> None:
    for chipset, commands in (
        ("conexant", ("AT+GCI=00", "AT!4886=01")),
        ("silabs", ("AT+VCDT=3",)),
    ):
        b = Bench(chipset)
        b.cmd("AT+VCID=1")
        call = EmulatedCall(
            "09012345678", None, rings=2, ring_interval_s=1, cid_after_ring=0, japan=True
        )
        b.modem.place_call(call)
        assert not [i for i in b.run(3) if isinstance(i, CallerId)]
        for c in commands:
            assert _replies(b.cmd(c)) == [Reply(c, "OK")]
        b.modem.place_call(call)
        got = b.run(3)
        cid_at = next(k for k, i in enumerate(got) if isinstance(i, CallerId))
        ring_at = next(k for k, i in enumerate(got) if isinstance(i, RingLine))
        assert cid_at < ring_at  # Number Display: the data before the ringing


def test_answer_play_record_dtmf_and_remote_busy() -> None:
    b = Bench("conexant", tone_every_s=0.5)
    b.cmd("ATE0")
    b.modem.place_call(
        EmulatedCall(
            "0312345678",
            rings=5,
            ring_interval_s=1,
            caller=(talk(2.5), dtmf("5"), talk(0.3), hangup("busy")),
        )
    )
    b.run(1.1)
    for c in ("AT+FCLASS=8", "AT+VSM=1,8000,0,0", "AT+VLS=1"):
        assert _replies(b.cmd(c)) == [Reply(c, "OK")]
    assert _replies(b.cmd("AT+VTX")) == [Reply("AT+VTX", "CONNECT")]
    greeting = bytes(range(256)) * 4
    b.send(b.at.voice(greeting))
    assert _replies(b.send(b.at.end_playback())) == [Reply("<DLE><ETX>", "OK")]
    assert bytes(b.modem.played) == greeting
    assert _replies(b.cmd("AT+VRX")) == [Reply("AT+VRX", "CONNECT")]
    got = b.run(3.0)
    audio = b"".join(i.data for i in got if isinstance(i, VoiceData))
    assert len(audio) > 8000 and 0x10 in audio  # shielded 0x10 came through as data
    assert [i.digit for i in got if isinstance(i, Dtmf)] == ["5"]
    assert "busy" in [i.tone for i in got if isinstance(i, ToneEvent)]
    end = b.send(b.at.abort_receive())
    assert any(isinstance(i, StreamEnded) for i in end) and _replies(end)[-1].result == "OK"
    assert _replies(b.cmd("ATH0")) == [Reply("ATH0", "OK")]


def test_usr_sends_bogus_dialtone_while_streaming() -> None:
    b = Bench("usr5637")
    b.modem.place_call(EmulatedCall("0312345678", rings=5, ring_interval_s=1))
    b.run(1.1)
    b.cmd("AT+FCLASS=8")
    b.cmd("AT+VLS=1")
    got = b.cmd("AT+VRX")
    assert "dialtone" in [i.tone for i in got if isinstance(i, ToneEvent)]


def test_voice_commands_refused_outside_voice_mode() -> None:
    b = Bench("agere")
    assert _replies(b.cmd("AT+VLS=1")) == [Reply("AT+VLS=1", "ERROR")]
    ati = ("LT V.92 Data+Fax Modem Version 8.30",)
    assert _replies(b.cmd("ATI0")) == [Reply("ATI0", "OK", ati)]


def test_dial_results() -> None:
    b = Bench("conexant", dial_s=0.2)
    b.modem.dial_outcomes = {"5550001": "BUSY", "5550002": "NO DIALTONE"}
    b.cmd("AT+FCLASS=8")
    assert _replies(b.cmd("ATDT5550001")) == [Reply("ATDT5550001", "BUSY")]
    assert _replies(b.cmd("ATDT5550002")) == [Reply("ATDT5550002", "NO DIALTONE")]
    assert _replies(b.cmd("ATDT5550003")) == [Reply("ATDT5550003", "OK")]
    assert b.modem.offhook
    b.cmd("ATH0")
    b.cmd("AT+FCLASS=0")
    assert _replies(b.cmd("ATD0312345678;")) == [Reply("ATD0312345678;", "OK")]


@settings(max_examples=200)
@given(st.binary(max_size=400), st.sampled_from(sorted(PERSONALITIES)))
def test_host_garbage_never_breaks_the_emulator(data: bytes, chipset: str) -> None:
    b = Bench(chipset)
    b.modem.place_call(EmulatedCall("0312345678", rings=2, ring_interval_s=0.1))
    b.send(b"AT+FCLASS=8\r" + data + b"\rAT+VLS=1\rAT+VRX\r" + data)
    b.run(0.3)
    # end whatever stream the garbage opened; twice, since a strict modem lets an unpaired
    # <DLE> in the garbage swallow the next byte (transcript T6's "triple DLE")
    b.send(b"\x10!\x10!\x10\x03\r")
    b.run(0.1)
    got = b.cmd("ATZ")
    assert Reply("ATZ", "OK") in got  # still a working modem
