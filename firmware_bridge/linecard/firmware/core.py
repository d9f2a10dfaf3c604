"""LineCardCore: the card's main loop body — ring/CAR timing, primary response, reports, commands.

MicroPython-compatible subset (no dataclasses, no typing at run time): `step(now_ms)` is
called every few milliseconds by the board's main loop or by the host-side emulator.
"""

from firmware_bridge.linecard import ndmsg
from firmware_bridge.linecard.firmware.hal import Hal
from firmware_bridge.linecard.framing import PROTOCOL_VERSION, Deframer, encode_frame

FIRMWARE_VERSION = "ringdesk-linecard 0.1"
CAPABILITIES = 1 | 2 | 4 | 8  # primary response, audio, DTMF, polarity
CAR_MAX_ON_MS = 700  # CAR bursts are 0.5 s; normal Japanese ring bursts are 1 s
CAR_GONE_MS = 2000
RING_GONE_MS = 6000
PRIMARY_RESPONSE_LIMIT_MS = 6000  # the exchange gives up on ND after 6 s of CAR
FSK_WAIT_MS = 7000
KEEPALIVE_MS = 1000
AUDIO_FRAME = 160

IDLE, CAR_SEEN, ANSWERING, RINGING = 0, 1, 2, 3

# message kinds (mirror of protocol/messages.py, which the host uses)
K_HELLO, K_RING_START, K_RING_STOP, K_CAR, K_POLARITY, K_HOOK = 1, 2, 3, 4, 5, 6
K_CID_BYTES, K_DTMF, K_AUDIO, K_KEEPALIVE, K_PRIMARY, K_ERROR = 7, 9, 10, 11, 12, 13
C_HOOK, C_POLICY, C_AUDIO, C_PLAY, C_PING, C_HELLO = 0x81, 0x82, 0x83, 0x84, 0x85, 0x86
ST_ANSWERED, ST_DATA, ST_COMPLETED, ST_NO_DATA = 1, 2, 3, 4


def _u16(value: int) -> bytes:
    return bytes([(value >> 8) & 0xFF, value & 0xFF])


class LineCardCore:
    """One line: reports what happens on it and carries out the host's commands."""

    def __init__(self, hal: Hal, line: int = 0) -> None:
        self.hal = hal
        self.line = line
        self.state = IDLE
        self.primary_response = True
        self.answer_delay_ms = 1000
        self.seq = 0
        self.deframer = Deframer()
        self.ring_on = False
        self.burst_start = 0
        self.last_edge = 0
        self.ring_reported = False
        self.rings = 0
        self.cadence: tuple[int, ...] = ()
        self.last_on_ms = 0
        self.car_start = 0
        self.answered_at = 0
        self.fsk = bytearray()
        self.host_off_hook = False
        self.extension = False
        self.polarity_sign = 0
        self.streaming = False
        self.audio_buf = bytearray()
        self.audio_seq = 0
        self.last_keepalive = -KEEPALIVE_MS
        self.booted = False

    def send(self, kind: int, body: bytes) -> None:
        """Frame and send one report."""
        self.hal.host_write(encode_frame(kind, self.seq, body))
        self.seq = (self.seq + 1) & 0xFF

    def hello(self) -> None:
        """Announce version, lines and capabilities."""
        body = bytes([PROTOCOL_VERSION, 1]) + _u16(CAPABILITIES) + FIRMWARE_VERSION.encode()
        self.send(K_HELLO, body)

    def step(self, now: int) -> None:
        """Run once: host commands, line inputs, timers, audio, keep-alive."""
        if not self.booted:
            self.booted = True
            self.hello()
            self.polarity_sign = self.hal.polarity()
        self._commands(self.hal.host_read())
        self._ring(now)
        self._timers(now)
        self._line_state()
        self._audio()
        if now - self.last_keepalive >= KEEPALIVE_MS:
            self.last_keepalive = now
            self.send(K_KEEPALIVE, bytes([(now >> s) & 0xFF for s in (24, 16, 8, 0)]))

    # host commands -------------------------------------------------------------------
    def _commands(self, data: bytes) -> None:
        if not data:
            return
        for payload, _raw in self.deframer.feed(data):
            if payload is None:
                self.send(K_ERROR, b"damaged command frame dropped")
                continue
            if payload[0] != PROTOCOL_VERSION:
                self.send(K_ERROR, b"unsupported protocol version")
                continue
            self._command(payload[1], payload[3:])

    def _command(self, kind: int, body: bytes) -> None:
        if kind == C_HOOK and len(body) >= 2:
            self.host_off_hook = bool(body[1])
            self.hal.set_hook(self.host_off_hook)
            self.send(K_HOOK, bytes([self.line, body[1] and 1]))
        elif kind == C_POLICY and len(body) >= 4:
            self.primary_response = bool(body[1])
            delay = (body[2] << 8) | body[3]
            self.answer_delay_ms = min(delay, PRIMARY_RESPONSE_LIMIT_MS - 1000)
        elif kind == C_AUDIO and len(body) >= 2:
            self.streaming = bool(body[1])
            self.audio_buf = bytearray()
        elif kind == C_PLAY and len(body) >= 1:
            self.hal.audio_write(bytes(body[1:]))
        elif kind == C_PING:
            self.last_keepalive = -KEEPALIVE_MS
        elif kind == C_HELLO:
            self.hello()
        else:
            self.send(K_ERROR, b"unknown or short command")

    # ring and CAR ----------------------------------------------------------------------
    def _ring(self, now: int) -> None:
        if self.host_off_hook:
            return
        level = self.hal.ring_detect()
        if level and not self.ring_on:
            self.ring_on = True
            if self.last_edge and self.burst_start:
                self.cadence = (self.last_on_ms, now - self.last_edge)
            self.burst_start = now
            self.ring_reported = False
            if self.state == RINGING or (self.state == IDLE and not self.primary_response):
                self._ring_start()
        elif level and self.ring_on and not self.ring_reported and self.state == IDLE:
            if now - self.burst_start > CAR_MAX_ON_MS:
                self._ring_start()
        elif not level and self.ring_on:
            self.ring_on = False
            self.last_on_ms = now - self.burst_start
            self.last_edge = now
            if self.last_on_ms <= CAR_MAX_ON_MS and self.state == IDLE and self.primary_response:
                self.state = CAR_SEEN
                self.car_start = self.burst_start
                self.send(K_CAR, bytes([self.line, 1]))

    def _ring_start(self) -> None:
        self.state = RINGING
        self.ring_reported = True
        self.rings += 1
        body = bytes([self.line, self.rings & 0xFF]) + b"".join(_u16(c) for c in self.cadence)
        self.send(K_RING_START, body)

    def _timers(self, now: int) -> None:
        if self.state == CAR_SEEN:
            if now - self.car_start >= self.answer_delay_ms:
                self.hal.set_hook(True)
                self.state = ANSWERING
                self.answered_at = now
                self.fsk = bytearray()
                self.send(K_CAR, bytes([self.line, 0]))
                self.send(K_PRIMARY, bytes([self.line, ST_ANSWERED]))
            elif not self.ring_on and now - self.last_edge > CAR_GONE_MS:
                self.state = IDLE
                self.send(K_CAR, bytes([self.line, 0]))
        elif self.state == ANSWERING:
            self.fsk += self.hal.fsk_read()
            end = ndmsg.message_end(bytes(self.fsk))
            if end >= 0:
                self.send(K_CID_BYTES, bytes([self.line, 0]) + bytes(self.fsk[:end]))
                self.send(K_PRIMARY, bytes([self.line, ST_DATA]))
                self._complete(ST_COMPLETED, now)
            elif now - self.answered_at > FSK_WAIT_MS:
                if self.fsk:
                    self.send(K_CID_BYTES, bytes([self.line, 0]) + bytes(self.fsk))
                self._complete(ST_NO_DATA, now)
        elif self.state == RINGING and not self.ring_on and now - self.last_edge > RING_GONE_MS:
            body = bytes([self.line, self.rings & 0xFF]) + b"".join(_u16(c) for c in self.cadence)
            self.send(K_RING_STOP, body)
            self._reset()

    def _complete(self, stage: int, now: int) -> None:
        # going back on hook is the completion signal that lets the exchange start ringing
        self.hal.set_hook(False)
        self.send(K_PRIMARY, bytes([self.line, stage]))
        # now wait for the ordinary ringing that follows; RING_GONE_MS without it ends the call
        self.state = RINGING
        self.ring_reported = True
        self.last_edge = now
        self.burst_start = 0
        self.cadence = ()

    def _reset(self) -> None:
        self.state = IDLE
        self.rings = 0
        self.cadence = ()
        self.last_edge = 0
        self.burst_start = 0

    # hook, polarity, DTMF, audio ----------------------------------------------------------
    def _line_state(self) -> None:
        extension = self.hal.extension_off_hook()
        if extension != self.extension:
            self.extension = extension
            self.send(K_HOOK, bytes([self.line, 1 if extension else 0]))
        sign = self.hal.polarity()
        if sign != self.polarity_sign:
            self.polarity_sign = sign
            self.send(K_POLARITY, bytes([self.line]))
        for digit in self.hal.dtmf_read():
            self.send(K_DTMF, bytes([self.line, ord(digit)]))

    def _audio(self) -> None:
        if not self.streaming:
            return
        self.audio_buf += self.hal.audio_read()
        while len(self.audio_buf) >= AUDIO_FRAME:
            chunk = bytes(self.audio_buf[:AUDIO_FRAME])
            self.audio_buf = self.audio_buf[AUDIO_FRAME:]
            self.send(K_AUDIO, bytes([self.line]) + _u16(self.audio_seq) + chunk)
            self.audio_seq = (self.audio_seq + 1) & 0xFFFF
