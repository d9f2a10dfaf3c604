"""Line-card wire protocol v1: COBS frames of version, type, sequence, body and CRC-16."""

from firmware_bridge.linecard.framing import PROTOCOL_VERSION, Deframer, encode_frame
from firmware_bridge.linecard.protocol.stream import BadFrame, MessageReader

__all__ = ["PROTOCOL_VERSION", "BadFrame", "Deframer", "MessageReader", "encode_frame"]
