"""SimHal and SimExchange: a simulated board on a simulated NTT line, for tests and the emulator."""

from __future__ import annotations

from dataclasses import dataclass, field

from firmware_bridge.linecard import ndmsg
from firmware_bridge.linecard.firmware.hal import Hal

CAR_GIVE_UP_MS = 6000
FSK_DELAY_MS = 150
BYTE_MS = 8.33  # 1200 baud, 10 bits per character
IR_DELAY_MS = 400


@dataclass
class SimCall:
    """One incoming call: caller number or absence reason, rings before the caller gives up."""

    start_ms: int
    number: str | None = "0312345678"
    reason: str | None = None
    number_display: bool = True
    rings: int = 3
    fsk_lost: bool = False
    extension_answers_after: int | None = None  # rings
    answered_at: int | None = None
    completed_at: int | None = None
    ir_start: int | None = None

    def message(self) -> bytes:
        """The ND message the exchange sends after the primary response."""
        if self.number is not None:
            return ndmsg.build([(ndmsg.FIELD_NUMBER, self.number.encode())])
        return ndmsg.build([(ndmsg.FIELD_ABSENCE, (self.reason or "O").encode())])


@dataclass
class SimExchange:
    """The line as the card sees it: CAR until the primary response, FSK, then IR ringing."""

    calls: list[SimCall] = field(default_factory=list)
    hook_log: list[tuple[int, bool]] = field(default_factory=list)
    polarity_sign: int = 1

    def active(self, now: int) -> SimCall | None:
        """The call in progress at `now`."""
        current = None
        for call in self.calls:
            if call.start_ms <= now:
                current = call
        return current

    def ring_level(self, now: int, off_hook: bool) -> bool:
        """Ringing voltage present at `now`."""
        call = self.active(now)
        if call is None or off_hook:
            return False
        t = now - call.start_ms
        if not call.number_display:
            call.ir_start = call.start_ms
        elif call.answered_at is None and call.ir_start is None:
            if t < CAR_GIVE_UP_MS:
                return t % 1000 < 500
            call.ir_start = call.start_ms + CAR_GIVE_UP_MS  # no primary response: plain ringing
        elif call.completed_at is None:
            return False
        elif call.ir_start is None:
            call.ir_start = call.completed_at + IR_DELAY_MS
        assert call.ir_start is not None
        ir = now - call.ir_start
        if ir < 0:
            return False
        cycle = ir // 3000
        limit = call.extension_answers_after or call.rings
        return cycle < limit and ir % 3000 < 1000

    def extension(self, now: int) -> bool:
        """An extension phone picked up the call."""
        call = self.active(now)
        if call is None or call.extension_answers_after is None or call.ir_start is None:
            return False
        picked = call.ir_start + 3000 * call.extension_answers_after - 1000
        return picked <= now < picked + 5000

    def hook(self, now: int, off: bool) -> None:
        """The card moved its hook relay."""
        self.hook_log.append((now, off))
        call = self.active(now)
        if call is None:
            return
        if off and call.answered_at is None and call.ir_start is None:
            call.answered_at = now
        elif not off and call.answered_at is not None and call.completed_at is None:
            call.completed_at = now

    def fsk_until(self, now: int) -> bytes:
        """Every ND byte transmitted by `now` (parity bits added, as a 7E1 receiver gets them)."""
        call = self.active(now)
        if call is None or call.answered_at is None or call.completed_at is not None:
            return b""
        if call.fsk_lost:
            return b""
        sent = int((now - call.answered_at - FSK_DELAY_MS) / BYTE_MS)
        if sent <= 0:
            return b""
        return call.message()[:sent]


class SimHal(Hal):
    """Board inputs from a SimExchange; host bytes through in/out buffers."""

    def __init__(self, exchange: SimExchange | None = None) -> None:
        self.exchange = exchange or SimExchange()
        self.now = 0
        self.off_hook = False
        self.to_host = bytearray()
        self.from_host = bytearray()
        self.played = bytearray()
        self.audio_in = bytearray()
        self.digits = ""
        self._fsk_taken = 0

    def ring_detect(self) -> bool:
        return self.exchange.ring_level(self.now, self.off_hook)

    def polarity(self) -> int:
        return self.exchange.polarity_sign

    def extension_off_hook(self) -> bool:
        return self.exchange.extension(self.now)

    def set_hook(self, off_hook: bool) -> None:
        if off_hook != self.off_hook:
            self.off_hook = off_hook
            self.exchange.hook(self.now, off_hook)
            self._fsk_taken = 0

    def fsk_read(self) -> bytes:
        data = self.exchange.fsk_until(self.now)
        new = data[self._fsk_taken :]
        self._fsk_taken = len(data)
        return new

    def dtmf_read(self) -> str:
        digits, self.digits = self.digits, ""
        return digits

    def audio_read(self) -> bytes:
        data = bytes(self.audio_in)
        self.audio_in.clear()
        return data

    def audio_write(self, ulaw: bytes) -> None:
        self.played += ulaw

    def host_read(self) -> bytes:
        data = bytes(self.from_host)
        self.from_host.clear()
        return data

    def host_write(self, data: bytes) -> None:
        self.to_host += data
