"""COBS + CRC-16 framing shared by the host and the firmware (MicroPython-compatible subset).

Frame on the wire: COBS(version, type, seq, body..., crc_hi, crc_lo) then a 0x00 delimiter.
CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) covers version..body.
"""

PROTOCOL_VERSION = 1
MAX_PAYLOAD = 1024


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE of data."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def cobs_encode(data: bytes) -> bytes:
    """Consistent Overhead Byte Stuffing: the result holds no zero byte."""
    out = bytearray(b"\x00")
    code_at = 0
    code = 1
    for byte in data:
        if byte == 0:
            out[code_at] = code
            code_at = len(out)
            out.append(0)
            code = 1
            continue
        out.append(byte)
        code += 1
        if code == 0xFF:
            out[code_at] = code
            code_at = len(out)
            out.append(0)
            code = 1
    out[code_at] = code
    return bytes(out)


def cobs_decode(data: bytes) -> bytes | None:
    """Undo cobs_encode; None when the block is not valid COBS."""
    out = bytearray()
    i = 0
    n = len(data)
    while i < n:
        code = data[i]
        end = i + code
        if code == 0 or end > n:
            return None
        block = data[i + 1 : end]
        if 0 in block:
            return None
        out.extend(block)
        i = end
        if code < 0xFF and i < n:
            out.append(0)
    return bytes(out)


def encode_frame(kind: int, seq: int, body: bytes) -> bytes:
    """One complete frame, delimiter included."""
    payload = bytes([PROTOCOL_VERSION, kind, seq & 0xFF]) + body
    crc = crc16(payload)
    return cobs_encode(payload + bytes([crc >> 8, crc & 0xFF])) + b"\x00"


class Deframer:
    """Splits a byte stream at 0x00 and checks COBS and CRC; yields (payload or None, raw).

    A frame that outgrows MAX_PAYLOAD is reported once and the rest of it, up to the next
    0x00, is discarded: its tail is never read as a frame of its own.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._dropping = False

    def feed(self, data: bytes) -> list[tuple[bytes | None, bytes]]:
        """Complete frames in data: (version+type+seq+body, raw) or (None, raw) when damaged."""
        out: list[tuple[bytes | None, bytes]] = []
        for byte in data:
            if byte != 0:
                if self._dropping:
                    continue
                if len(self._buf) <= MAX_PAYLOAD + 8:
                    self._buf.append(byte)
                else:
                    out.append((None, bytes(self._buf)))
                    self._buf = bytearray()
                    self._dropping = True
                continue
            self._dropping = False
            if not self._buf:
                continue
            raw = bytes(self._buf)
            self._buf = bytearray()
            decoded = cobs_decode(raw)
            if decoded is None or len(decoded) < 5:
                out.append((None, raw))
                continue
            crc = (decoded[-2] << 8) | decoded[-1]
            if crc16(decoded[:-2]) != crc:
                out.append((None, raw))
                continue
            out.append((decoded[:-2], raw))
        return out
