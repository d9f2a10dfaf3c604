"""AT layer: replies, echo, unsolicited RING and caller ID, DLE events, any split, garbage."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import CallerId, Dtmf, Reason, ToneEvent, Unparsed
from drivers.modem.at import (
    AtItem,
    AtSession,
    Echo,
    Progress,
    Reply,
    RingLine,
    StreamEnded,
    VoiceData,
)

CALL = (
    b"\r\nRING\r\n\r\nDATE = 1015\r\nTIME = 1310\r\nNMBR = 0471234567\r\n"
    b"NAME = YAMADA TARO\r\n\r\nRING\r\n"
)


def _feed(s: AtSession, data: bytes, chunks: list[int] | None = None) -> list[AtItem]:
    out: list[AtItem] = []
    if chunks is None:
        return s.receive(data, 0.0)
    i = 0
    for n in chunks:
        out += s.receive(data[i : i + n], 0.0)
        i += n
    return out + s.receive(data[i:], 0.0)


def _merge_audio(items: list[AtItem]) -> list[object]:
    """Coalesce consecutive VoiceData so splits compare equal."""
    out: list[object] = []
    for item in items:
        if isinstance(item, VoiceData) and out and isinstance(out[-1], VoiceData):
            out[-1] = VoiceData(out[-1].data + item.data)
        else:
            out.append(item)
    return out


def test_reply_with_info_and_echo() -> None:
    s = AtSession()
    assert s.command("ATI0") == b"ATI0\r"
    got = s.receive(b"ATI0\r\r\n56000\r\n\r\nOK\r\n", 0.0)
    assert got == [Echo("ATI0"), Reply("ATI0", "OK", ("56000",))]


def test_bare_zero_answer_to_vcid_query_is_info_not_ok() -> None:
    s = AtSession()
    s.command("AT+VCID?")
    assert s.receive(b"\r\n0\r\n\r\nOK\r\n", 0.0) == [Reply("AT+VCID?", "OK", ("0",))]


def test_numeric_result_codes_after_atv0() -> None:
    s = AtSession()
    s.command("ATV0")
    assert s.receive(b"0\r", 0.0) == [Reply("ATV0", "OK")]
    s.command("ATDT5551234")
    assert s.receive(b"7\r", 0.0) == [Reply("ATDT5551234", "BUSY")]
    assert isinstance(s.receive(b"2\r", 1.0)[0], RingLine)
    s.command("ATZ")
    assert s.receive(b"\r\nOK\r\n", 0.0) == [Reply("ATZ", "OK")] and s.verbose


def test_every_dial_result() -> None:
    for text, want in [
        ("BUSY", "BUSY"),
        ("NO DIALTONE", "NO DIALTONE"),
        ("NO DIAL TONE", "NO DIALTONE"),
        ("NO CARRIER", "NO CARRIER"),
        ("NO ANSWER", "NO ANSWER"),
        ("ERROR", "ERROR"),
        ("OK", "OK"),
        ("VCON", "VCON"),
        ("CONNECT 33600", "CONNECT"),
    ]:
        s = AtSession()
        s.command("ATDT0312345678")
        got = s.receive(b"\r\nRINGING\r\n\r\n" + text.encode() + b"\r\n", 0.0)
        assert got == [Progress("RINGING"), Reply("ATDT0312345678", want)]


def test_caller_id_completes_on_name_and_number_without_waiting() -> None:
    s = AtSession()
    got = s.receive(CALL[: CALL.index(b"\r\n\r\nRING", 10) + 2], 0.0)
    cid = [e for e in got if isinstance(e, CallerId)]
    assert len(cid) == 1 and cid[0].number == "0471234567" and cid[0].name == "YAMADA TARO"
    assert cid[0].when == "10151310" and len(cid[0].raw) == 4


def test_caller_id_without_name_completes_after_idle() -> None:
    s = AtSession(cid_idle_s=0.2)
    got = s.receive(b"DATE=1203\r\nTIME=1452\r\nNMBR=07700900123\r\n", 1.0)
    assert not [e for e in got if isinstance(e, CallerId)]
    assert s.poll(1.1) == []
    (cid,) = s.poll(1.25)
    assert isinstance(cid, CallerId) and cid.number == "07700900123" and cid.name is None


def test_withheld_and_ring_during_pending_command() -> None:
    s = AtSession()
    s.command("AT+VCID=1")
    got = s.receive(b"\r\nRING\r\n\r\nNMBR = P\r\nNAME = P\r\n\r\nOK\r\n", 2.0)
    assert isinstance(got[0], RingLine)
    cid = got[1]
    assert isinstance(cid, CallerId) and cid.reason is Reason.WITHHELD and cid.number is None
    assert got[2] == Reply("AT+VCID=1", "OK")


def test_voice_receive_stream_dtmf_busy_and_end() -> None:
    s = AtSession()
    s.command("AT+VRX")
    audio = bytes(range(256)) * 2
    stream = (
        b"\r\nCONNECT\r\n"
        + audio.replace(b"\x10", b"\x10\x10")
        + b"\x10/\x105\x105\x10~"
        + b"\x80\x10\x10\x7f"
        + b"\x10b"
        + b"\x10\x03\r\nOK\r\n"
    )
    s2 = AtSession()
    s2.command("AT+VRX")
    whole = _merge_audio(_feed(s2, stream))
    assert whole[0] == Reply("AT+VRX", "CONNECT")
    assert whole[1] == VoiceData(audio)
    assert isinstance(whole[2], Dtmf) and whole[2].digit == "5"
    assert whole[3] == VoiceData(b"\x80\x10\x7f")
    assert isinstance(whole[4], ToneEvent) and whole[4].tone == "busy"
    assert isinstance(whole[5], StreamEnded)
    assert whole[6] == Reply(None, "OK")
    split = _merge_audio(_feed(s, stream, [1] * len(stream)))
    assert split == whole


def test_plain_dtmf_and_tones_in_command_mode() -> None:
    s = AtSession()
    got = s.receive(b"\x101\x10#\x10d\x10s\x10q\x10Z", 0.0)
    assert [e.digit for e in got if isinstance(e, Dtmf)] == ["1", "#"]
    assert [e.tone for e in got if isinstance(e, ToneEvent)] == ["dialtone", "silence", "quiet"]
    assert isinstance(got[-1], Unparsed) and got[-1].raw == b"\x10Z"


def test_shielding_round_trip() -> None:
    s = AtSession()
    pcm = bytes(random.Random(7).randrange(256) for _ in range(4000))
    s.command("AT+VRX")
    got = s.receive(b"CONNECT\r\n" + s.voice(pcm) + b"\x10\x03", 0.0)
    assert b"".join(i.data for i in got if isinstance(i, VoiceData)) == pcm
    assert s.end_playback() == b"\x10\x03" and s.abort_receive() == b"\x10!"


def test_unknown_lines_kept_raw() -> None:
    s = AtSession()
    got = s.receive(b"\xff\xfeNOISE\r\nFOO BAR\r\n", 0.0)
    assert all(isinstance(e, Unparsed) and e.raw and e.why for e in got) and len(got) == 2


@given(st.lists(st.integers(0, 13), max_size=60))
def test_random_split_equals_whole(chunks: list[int]) -> None:
    data = CALL + b"\x10/\x109\x10~" + CALL
    assert _feed(AtSession(), data, chunks) == _feed(AtSession(), data)


@settings(max_examples=300)
@given(st.binary(max_size=800), st.booleans())
def test_garbage_never_raises(data: bytes, receiving: bool) -> None:
    s = AtSession()
    if receiving:
        s.command("AT+VRX")
        s.receive(b"CONNECT\r\n", 0.0)
    s.receive(data, 0.0)
    s.poll(10.0)
    s.flush()


@given(
    st.lists(
        st.sampled_from(
            [
                b"\r\n",
                b"RING",
                b"NMBR = 0312345678",
                b"NAME=X",
                b"\x10",
                b"\x10\x03",
                b"OK",
                b"\x00",
                b"DATE = 0101",
                b"80",
                b"\x10b",
                b"CONNECT",
                b"041230",
            ]
        ),
        max_size=40,
    )
)
def test_token_soup_never_raises(parts: list[bytes]) -> None:
    s = AtSession()
    s.command("AT+VRX")
    s.receive(b"".join(parts), 0.0)
    s.flush()


def test_japan_number_completes_the_block_at_once() -> None:
    s = AtSession(cid_idle_s=5.0, complete_on_number=True)
    got = s.receive(b"\r\nDATE = 0201\r\nTIME = 1010\r\nNMBR = 08012345678\r\n", 1.0)
    (cid,) = [e for e in got if isinstance(e, CallerId)]
    assert cid.number == "08012345678" and cid.when == "02011010"


def test_reset_answered_in_numeric_form() -> None:
    s = AtSession()
    s.command("ATZ")
    assert s.receive(b"0\r", 0.0) == [Reply("ATZ", "OK")] and not s.verbose
    s.command("ATE0")
    assert s.receive(b"0\r", 0.0) == [Reply("ATE0", "OK")]
    s.command("ATV1")
    assert s.receive(b"\r\nOK\r\n", 0.0) == [Reply("ATV1", "OK")] and s.verbose
