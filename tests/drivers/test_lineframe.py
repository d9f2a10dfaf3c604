"""The shared line framer: whole lines at any split; an overlong line is dropped to its end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.lineframe import Framed, LineFramer, Overlong


def _feed_split(framer: LineFramer, data: bytes, cuts: list[int]) -> list[Framed]:
    out: list[Framed] = []
    prev = 0
    for cut in [*sorted(cuts), len(data)]:
        out += framer.feed(data[prev:cut])
        prev = max(prev, cut)
    return out


def test_lines_and_empty_lines() -> None:
    assert LineFramer(8).feed(b"ab\r\ncd\n\n\rxy") == [b"ab", b"cd"]


def test_line_of_exactly_the_limit_passes() -> None:
    assert LineFramer(4).feed(b"abcd\r\n") == [b"abcd"]


def test_overlong_line_is_reported_once_and_its_tail_dropped() -> None:
    framer = LineFramer(4)
    assert framer.feed(b"abcdefgh") == [Overlong(b"abcd")]
    assert framer.dropping
    assert framer.feed(b"ij\r\nok\r\n") == [b"ok"]
    assert not framer.dropping


def test_overlong_line_ending_in_the_same_chunk() -> None:
    assert LineFramer(4).feed(b"abcdefg\nok\n") == [Overlong(b"abcd"), b"ok"]


def test_byte_at_a_time_equals_whole() -> None:
    data = b"one\r\n" + b"x" * 20 + b"NMBR=1\r\ntwo\n" + b"y" * 5 + b"\n"
    whole = LineFramer(6).feed(data)
    framer = LineFramer(6)
    single: list[Framed] = []
    for b in data:
        single += framer.feed(bytes([b]))
    assert whole == single == [b"one", Overlong(b"xxxxxx"), b"two", b"yyyyy"]


def test_other_line_ends() -> None:
    assert LineFramer(10, ends=b"\x00").feed(b"a\r\nb\x00c\x00") == [b"a\r\nb", b"c"]


def test_step_stops_after_each_line() -> None:
    framer = LineFramer(10)
    data = b"a\r\nbb\r\n"
    assert framer.step(data, 0) == (b"a", 2)
    assert framer.step(data, 2) == (b"bb", 6)
    assert framer.step(data, 6) == (None, 7)


def test_take_returns_the_unfinished_line() -> None:
    framer = LineFramer(10)
    assert framer.feed(b"ok\npart") == [b"ok"]
    assert framer.take() == b"part"
    assert framer.feed(b"\n") == []


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(
    st.binary(max_size=300),
    st.lists(st.integers(min_value=0, max_value=300), max_size=12),
)
def test_split_anywhere_and_no_line_ever_over_the_limit(data: bytes, cuts: list[int]) -> None:
    whole = LineFramer(16).feed(data)
    assert _feed_split(LineFramer(16), data, cuts) == whole
    for item in whole:
        if isinstance(item, Overlong):
            assert len(item.head) == 16
        else:
            assert 0 < len(item) <= 16 and b"\r" not in item and b"\n" not in item


_NO_END = st.integers(min_value=0, max_value=255).filter(lambda b: b not in (0x0A, 0x0D))


@settings(deadline=None)  # no timing in tests; the machine may be busy
@given(
    st.binary(max_size=40).filter(lambda b: b"INSIDE" not in b),
    st.lists(_NO_END, min_size=11, max_size=80).map(bytes),
    st.lists(st.integers(min_value=0, max_value=200), max_size=8),
)
def test_nothing_of_an_overlong_line_comes_out_as_a_line(
    before: bytes, body: bytes, cuts: list[int]
) -> None:
    marker = b"INSIDE"
    data = before + b"\n" + body + marker + b"\nafter\n"
    got = _feed_split(LineFramer(16), data, cuts)
    assert got[-1] == b"after"
    assert not any(isinstance(x, bytes) and marker in x for x in got)
