"""Slot file parsing: any damage is a SlotFileDamagedError, never a crash or a wrong key."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.vault import keys, slotfile
from appliance.vault.errors import SlotFileDamagedError
from appliance.vault.slots import secret_slot

DATA_KEY = b"\x07" * 32


@functools.cache
def _good() -> bytes:
    slot = secret_slot("desk-a", "desk", b"\x01" * 32, DATA_KEY)
    sf = slotfile.SlotFile(
        key_id=keys.key_id(DATA_KEY),
        inbox_public=keys.public_bytes(keys.inbox_private_key(DATA_KEY)),
        slots=(slot,),
    )
    return slotfile.dumps(sf.signed(keys.slot_file_mac_key(DATA_KEY)))


def test_round_trip_keeps_the_tag_valid() -> None:
    sf = slotfile.loads(_good())
    assert sf.tag_ok(keys.slot_file_mac_key(DATA_KEY))
    assert sf.slots[0].aad() == b"ringdesk-slot:desk:desk-a"


def test_a_tag_damaged_into_other_text_is_refused_not_an_error() -> None:
    good = _good().decode()
    tag = slotfile.loads(good.encode()).mac
    for damage in ("\u0080", "ß", "\\ud800"):  # what Hypothesis found; any text; a lone surrogate
        bad = good.replace(tag, damage + tag[1:]).encode()
        assert not slotfile.loads(bad).tag_ok(keys.slot_file_mac_key(DATA_KEY))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_damage_is_reported_or_caught_by_the_tag(data: st.DataObject) -> None:
    good = _good()
    pos = data.draw(st.integers(0, len(good) - 1))
    how = data.draw(st.sampled_from(["cut", "flip", "insert"]))
    if how == "cut":
        bad = good[:pos]
    elif how == "flip":
        bad = good[:pos] + bytes([good[pos] ^ data.draw(st.integers(1, 255))]) + good[pos + 1 :]
    else:
        bad = good[:pos] + data.draw(st.binary(min_size=1, max_size=8)) + good[pos:]
    try:
        sf = slotfile.loads(bad)
    except SlotFileDamagedError as exc:
        assert "nothing was changed" in str(exc)
        return
    # It still parses (whitespace, or a change JSON tolerates): semantics must be unchanged,
    # or the integrity tag must catch it.
    if sf != slotfile.loads(good) or sf.mac != slotfile.loads(good).mac:
        assert not sf.tag_ok(keys.slot_file_mac_key(DATA_KEY))


@given(
    st.recursive(
        st.none() | st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)
    )
)
@settings(max_examples=50, deadline=None)
def test_arbitrary_json_is_refused_cleanly(doc: object) -> None:
    try:
        slotfile.loads(json.dumps(doc).encode())
    except SlotFileDamagedError:
        return
    raise AssertionError("arbitrary JSON accepted as a slot file")


def test_absurd_argon2_cost_is_refused_before_any_work() -> None:
    doc = json.loads(_good())
    doc["slots"][0]["argon2id"] = {"t": 1, "m": 1 << 30, "p": 1}
    with pytest.raises(SlotFileDamagedError, match="out of range"):
        slotfile.loads(json.dumps(doc).encode())
