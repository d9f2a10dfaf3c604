"""samples.txt (copy of the corpus): every block parsed right, bad checksums refused."""

from __future__ import annotations

import pytest
from modem_notation import DATA

from drivers.base import CallerId, Standard, Unparsed
from drivers.modem.at import AtSession
from drivers.modem.samples import EXPECTED, REFUSE, blocks, parse_block, score

TEXT = (DATA / "samples.txt").read_text(encoding="utf-8")
BLOCKS = blocks(TEXT)


def test_every_block_right_and_the_two_bad_checksums_refused() -> None:
    result = score(TEXT)
    assert result.wrong == []
    assert (result.total, result.parsed, result.refused) == (42, 40, 2)
    assert set(BLOCKS) == set(EXPECTED) and [k for k, v in EXPECTED.items() if v == REFUSE] == [
        "C3",
        "C5",
    ]


@pytest.mark.parametrize("block_id", sorted(BLOCKS))
def test_byte_at_a_time_equals_whole(block_id: str) -> None:
    lines = BLOCKS[block_id]
    data = "".join(f"{line}\r\n" for line in lines).encode("utf-8")
    at = AtSession(cid_idle_s=0.5)
    split = [item for i in range(len(data)) for item in at.receive(data[i : i + 1], 0.0)]
    split += [*at.poll(1.0), *at.flush()]
    assert split == parse_block(lines)


def test_refusals_say_why_and_keep_the_bytes() -> None:
    for block_id, why in (("C3", "no checksum"), ("C5", "checksum does not verify")):
        bad = [e for e in parse_block(BLOCKS[block_id]) if isinstance(e, Unparsed)]
        assert len(bad) == 1 and why in bad[0].why and bad[0].raw.startswith((b"0412", b"801E"))


def test_raw_lines_kept_and_dates_read() -> None:
    (a1,) = [e for e in parse_block(BLOCKS["A1"]) if isinstance(e, CallerId)]
    assert (
        a1.raw == ("MESG = 110101", "DATE = 0421", "TIME = 0934", "NMBR = P", "NAME = WITHHELD")
        and a1.when == "04210934"
    )
    (b5,) = [e for e in parse_block(BLOCKS["B5"]) if isinstance(e, CallerId)]
    assert b5.standard is Standard.BELL202_MDMF and (0x07, b"JOHN DOE") in b5.fields
    tci = [e for e in parse_block(BLOCKS["D3"]) if isinstance(e, CallerId)]
    assert tci[1].when == "09041329" and tci[0].standard is Standard.FIRMWARE
    (a6,) = [e for e in parse_block(BLOCKS["A6"]) if isinstance(e, CallerId)]
    assert a6.when == "01061415"


def test_trailing_mesg_after_a_complete_block_is_kept_not_a_second_call() -> None:
    events = parse_block(BLOCKS["B3"])
    assert len([e for e in events if isinstance(e, CallerId)]) == 1
    (extra,) = [e for e in events if isinstance(e, Unparsed)]
    assert b"MESG = 06014C" in extra.raw
