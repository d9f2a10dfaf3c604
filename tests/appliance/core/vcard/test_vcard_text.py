"""vCard content lines: folding at 75 octets, unfolding, parameters and escapes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from appliance.core.vcard.text import escape, fold, parse_line, split_value, unescape, unfold


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    line = "NOTE:" + "配達は裏口へ。" * 30
    folded = fold(line)
    physical = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert unfold(folded) == [(1, line)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_fold_then_unfold_gives_the_line_back(body: str) -> None:
    line = "NOTE:" + escape(body)
    assert unfold(fold(line))[0][1] == line


@given(st.lists(st.text(max_size=20), min_size=1, max_size=6))
def test_structured_values_escape_and_split_back(parts: list[str]) -> None:
    value = ";".join(escape(p) for p in parts)
    assert split_value(value, ";") == [p.replace("\r\n", "\n") for p in parts]


def test_parameters_groups_and_old_bare_types() -> None:
    line = parse_line(3, 'item1.TEL;TYPE="cell,voice";X-NOTE="a:b";VALUE=uri:tel:+81-3-1234-5678')
    assert line is not None
    assert (line.group, line.name, line.value, line.line) == (
        "item1",
        "TEL",
        "tel:+81-3-1234-5678",
        3,
    )
    assert line.types() == {"cell", "voice"} and line.params["X-NOTE"] == ["a:b"]
    old = parse_line(1, "TEL;CELL;HOME:090-1234-5678")
    assert old is not None and old.types() == {"cell", "home"}
    assert parse_line(1, "no colon here") is None


def test_escapes_and_quoted_printable() -> None:
    assert unescape(r"一行目\n二行目\, 三\;\\") == "一行目\n二行目, 三;\\"
    qp = "NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=82=A0=82=A2="
    lines = unfold(qp + "\r\n=82=A4\r\n")
    line = parse_line(*lines[0])
    assert line is not None and line.value == "あいう"
