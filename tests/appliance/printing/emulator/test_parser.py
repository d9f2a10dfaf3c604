"""The ESC/POS parser: the same commands whether the bytes come whole, one at a time or split
anywhere, with garbage between them; random bytes never make it raise."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.printing.emulator.parser import (
    Command,
    Control,
    Cut,
    EscPosParser,
    Event,
    Garbage,
    Raster,
    Symbol,
    Text,
)
from appliance.printing.encode import slip_job
from tests.appliance.printing.slips import japanese_slip

JOB = slip_job(japanese_slip(), 58)
KANJI = b"\x1c\x43\x01\x1c\x26" + "山田様 ｶﾅ".encode("cp932") + b"\x0a\x1c\x2e"
NOT_COMMANDS = bytes([*range(0x09), 0x0B, 0x0E, 0x0F, *range(0x11, 0x1B), 0x1E, 0x1F, 0x7F])


def _parse(chunks: list[bytes], *, garbage: bool = True) -> list[Event]:
    parser = EscPosParser()
    events: list[Event] = []
    for chunk in chunks:
        events += [e for e in parser.feed(chunk) if garbage or not isinstance(e, Garbage)]
    merged: list[Event] = []
    for event in events:  # text split by the chunks is one text
        last = merged[-1] if merged else None
        if isinstance(event, Text) and isinstance(last, Text) and last.kanji == event.kanji:
            merged[-1] = Text(last.data + event.data, event.kanji)
        else:
            merged.append(event)
    return merged


def _split(data: bytes, rng: random.Random) -> list[bytes]:
    cuts = sorted(rng.sample(range(1, len(data)), min(40, len(data) - 1)))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]


def test_a_slip_job_parses_into_its_commands() -> None:
    events = _parse([JOB])
    assert events[0] == Command(0x1B, ord("@"))
    rasters = [e for e in events if isinstance(e, Raster)]
    assert rasters and all(r.width_bytes == 48 for r in rasters)
    qr = [e for e in events if isinstance(e, Symbol) and e.fn == 80]
    assert qr == [Symbol(49, 80, b"0" + japanese_slip().qr_payload.encode())]
    assert events[-1] == Cut(0) and not any(isinstance(e, Garbage) for e in events)


def test_byte_by_byte_and_split_anywhere_give_the_same_commands() -> None:
    whole = _parse([JOB + KANJI])
    assert _parse([bytes([b]) for b in JOB + KANJI]) == whole
    for seed in range(20):
        assert _parse(_split(JOB + KANJI, random.Random(seed))) == whole


def test_kanji_text_stays_whole_when_its_two_bytes_are_split() -> None:
    events = _parse([bytes([b]) for b in KANJI])
    [text] = [e for e in events if isinstance(e, Text)]
    assert text.kanji and text.data.decode("cp932") == "山田様 ｶﾅ"
    assert Control(0x0A) in events


def test_garbage_between_commands_is_skipped_and_the_rest_still_parses() -> None:
    rng = random.Random(5)
    clean = _parse([JOB])
    noisy, at = bytearray(), 0
    boundaries = _boundaries(JOB)
    for end in boundaries:
        noisy += JOB[at:end] + bytes(rng.choices(NOT_COMMANDS, k=rng.randint(0, 3)))
        at = end
    assert _parse(_split(bytes(noisy), rng), garbage=False) == clean
    assert any(isinstance(e, Garbage) for e in _parse([bytes(noisy)]))


def test_an_unknown_escape_resynchronises_on_the_next_byte() -> None:
    events = _parse([b"\x1b\xff\x1b@\x1d\x99AB\x0a\x1dv1\x00\x01\x00\x01\x00\x1dV\x01"])
    assert events[:2] == [Garbage(b"\x1b"), Text(b"\xff")]
    assert Command(0x1B, ord("@")) in events and Text(b"\x99AB") in events
    assert events[-1] == Cut(1)  # GS v 1 is no raster: skipped byte by byte


def _boundaries(job: bytes) -> list[int]:
    """Offsets where each command of the job ends (the parser's own view, fed whole)."""
    parser = EscPosParser()
    return [i + 1 for i in range(len(job)) if parser.feed(job[i : i + 1])]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=20))
def test_random_bytes_never_raise_and_nothing_long_is_left_pending(chunks: list[bytes]) -> None:
    parser = EscPosParser()
    for chunk in chunks:
        parser.feed(chunk)
    # whatever waits is the start of one command; a raster's header caps how much it can claim
    assert len(parser._buf) < 8 + 256 * 8192 + 1
