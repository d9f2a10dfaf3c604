"""NTT Number Display data-link messages (DLE framed, CRC-16): build, spot the end, parse.

MicroPython-compatible subset: the firmware uses message_end(); the host uses parse().
Layout: DLE SOH header DLE STX type length params DLE ETX crc_lo crc_hi, DLE doubled inside;
CRC-16 x^16+x^12+x^5+1, reflected, init 0, over the unstuffed bytes from header to ETX.
"""

DLE, SOH, STX, ETX = 0x10, 0x01, 0x02, 0x03
HEADER = 0x07
MSG_CALLER = 0x40
FIELD_NUMBER = 0x02
FIELD_ABSENCE = 0x21


def crc16_kermit(data: bytes) -> int:
    """CRC-16 with the CCITT polynomial, reflected, initial value 0."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc


def _stuff(data: bytes) -> bytes:
    out = bytearray()
    for byte in data:
        out.append(byte)
        if byte == DLE:
            out.append(DLE)
    return bytes(out)


def build(fields: list[tuple[int, bytes]], message_type: int = MSG_CALLER) -> bytes:
    """The bytes an exchange sends for one message (parity bits not included)."""
    params = bytearray()
    for code, value in fields:
        params += bytes([code, len(value)]) + value
    body = bytes([message_type, len(params)]) + bytes(params)
    crc = crc16_kermit(bytes([HEADER, DLE, STX]) + body + bytes([DLE, ETX]))
    return (
        bytes([DLE, SOH])
        + _stuff(bytes([HEADER]))
        + bytes([DLE, STX])
        + _stuff(body)
        + bytes([DLE, ETX, crc & 0xFF, crc >> 8])
    )


def message_end(buf: bytes) -> int:
    """Index just past a complete message in buf (ETX and CRC received), or -1."""
    i = 0
    n = len(buf)
    while i < n - 1:
        if (buf[i] & 0x7F) == DLE:
            nxt = buf[i + 1] & 0x7F
            if nxt == ETX:
                return i + 4 if i + 4 <= n else -1
            i += 2
            continue
        i += 1
    return -1


def parse(raw: bytes) -> tuple[int, list[tuple[int, bytes]]] | str:
    """(message type, fields) from one message, or a string saying what is wrong."""
    data = bytes(b & 0x7F for b in raw)  # 7-bit even parity on the line; the bit is dropped
    start = data.find(bytes([DLE, SOH]))
    if start < 0:
        return "no DLE SOH start"
    unstuffed = bytearray()
    i = start + 2
    while i < len(data):
        byte = data[i]
        if byte == DLE and i + 1 < len(data):
            nxt = data[i + 1]
            if nxt == DLE:
                unstuffed.append(DLE)
                i += 2
                continue
            unstuffed += bytes([DLE, nxt])
            i += 2
            if nxt == ETX:
                break
            continue
        unstuffed.append(byte)
        i += 1
    else:
        return "message ends before DLE ETX"
    if i + 2 > len(data):
        return "CRC missing"
    # the CRC bytes are 8-bit; take them from the raw bytes
    crc = raw[i] | (raw[i + 1] << 8)
    if crc16_kermit(bytes(unstuffed)) != crc:
        return "CRC-16 mismatch"
    if len(unstuffed) < 7 or unstuffed[0] != HEADER or unstuffed[1:3] != bytes([DLE, STX]):
        return "header is not 07 DLE STX"
    message_type, length = unstuffed[3], unstuffed[4]
    params = bytes(unstuffed[5:-2])
    if len(params) != length:
        return f"length byte says {length}, message has {len(params)}"
    fields: list[tuple[int, bytes]] = []
    j = 0
    while j + 2 <= len(params):
        code, size = params[j], params[j + 1]
        fields.append((code, params[j + 2 : j + 2 + size]))
        j += 2 + size
    if j != len(params):
        return "a field runs past the end"
    return message_type, fields
