"""Line card caller-ID fields are checked for their type: else received with errors (E)."""

from __future__ import annotations

from drivers.base import CallerId, Reason, Standard
from firmware_bridge.linecard.driver import LineCardTranslator, caller_id_from_fields
from firmware_bridge.linecard.protocol.messages import CidFields
from firmware_bridge.linecard.protocol.stream import encode


def test_line_card_fields_checked_for_type() -> None:
    good = caller_id_from_fields(
        line="c", message_type=0x80, fields=[(0x02, b"0399997704")], standard=Standard.FIRMWARE
    )
    assert good.number == "0399997704"
    for fields in (
        [(0x02, b"03999977O4")],
        [(0x02, b"0399997704"), (0x07, b"SUZUKI \xc9\xc3HIRO")],
        [(0x01, b"02301200"), (0x02, b"0399997704")],
        [(0x04, b"X")],
    ):
        bad = caller_id_from_fields("c", 0x80, fields, Standard.FIRMWARE)
        assert (bad.reason, bad.number, bad.name) == (Reason.ERROR, None, None)
        assert bad.raw[1]  # the fields as received, in hex


def test_line_card_error_through_the_wire() -> None:
    wire = encode(CidFields(0, 0x80, ((0x02, b"0399997704"), (0x07, b"SUZUKI \xc9\xc3HIRO"))))
    (call,) = [e for e in LineCardTranslator("card").feed(wire) if isinstance(e, CallerId)]
    assert call.reason is Reason.ERROR and "c9c3" in call.raw[1]
