"""Caller-ID line parser: labelled forms, hex SDMF/MDMF with checksum, any split, fuzzing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import CallerId, Reason, Ring, Standard, Unparsed
from drivers.modem.cidlines import CidLineParser

A1 = (
    b"RING\r\nMESG = 110101\r\nDATE = 0421\r\nTIME = 0934\r\n"
    b"NMBR = P\r\nNAME = WITHHELD\r\nRING\r\n"
)
B5 = b"802001083035313131383532020A3430373535353030303007084A4F484E20444F4584\r\n"


def _all(data: bytes, chunks: list[int] | None = None) -> list[object]:
    p = CidLineParser()
    out: list[object] = []
    if chunks is None:
        out += p.feed(data)
    else:
        i = 0
        for n in chunks:
            out += p.feed(data[i : i + n])
            i += n
        out += p.feed(data[i:])
    return out + list(p.flush())


def test_withheld_labelled_call() -> None:
    ev = _all(A1)
    cid = [e for e in ev if isinstance(e, CallerId)]
    assert len(cid) == 1 and cid[0].number is None and cid[0].reason is Reason.WITHHELD
    assert cid[0].when == "04210934" and len(cid[0].raw) == 5
    assert [e.count for e in ev if isinstance(e, Ring)] == [1, 2]


def test_mdmf_hex_with_checksum() -> None:
    (cid,) = _all(B5)
    assert isinstance(cid, CallerId)
    assert (cid.number, cid.name, cid.when) == ("4075550000", "JOHN DOE", "05111852")
    assert cid.standard is Standard.BELL202_MDMF


def test_sdmf_hex_and_bad_checksum_kept_raw() -> None:
    (cid,) = _all(b"041230353131313835323430373535353030303059\n")
    assert isinstance(cid, CallerId) and cid.number == "4075550000"
    (bad,) = _all(b"801E01083130313532303338020A37303835353530303031070C552E532E\n")
    assert isinstance(bad, Unparsed) and bad.raw and bad.why


def test_byte_at_a_time_equals_whole() -> None:
    assert _all(A1 + B5, [1] * len(A1 + B5)) == _all(A1 + B5)


@given(st.lists(st.integers(0, 9), max_size=40))
def test_random_split(chunks: list[int]) -> None:
    assert _all(A1 + B5, chunks) == _all(A1 + B5)


@given(st.binary(max_size=600))
def test_garbage_never_raises(data: bytes) -> None:
    _all(data)
