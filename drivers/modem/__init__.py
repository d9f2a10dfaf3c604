"""Voice-modem line support; so far only the sans-IO caller-ID line parser.

    p = CidLineParser(line="line1")
    events = p.feed(serial_bytes)   # Ring / CallerId / Unparsed, any split
    events += p.flush()             # at end of input
"""

from drivers.modem.cidlines import CidLineParser, decode_hex_message

__all__ = ["CidLineParser", "decode_hex_message"]
