"""The phone line beside the emulated modem: rings, caller ID, the caller's voice, keys, hang-up."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from drivers.modem.emulator.calls import EmulatedCall, render_cid

if TYPE_CHECKING:
    from drivers.modem.emulator.core import ModemCore

RATE = 8000
_TONE_CODES = {"busy": "b", "dialtone": "d", "loop": "l"}


class CallTimeline:
    """Drives one call at a time from poll(now); the modem core owns it."""

    def __init__(self, modem: ModemCore, *, tone_every_s: float = 4.0) -> None:
        self.modem = modem
        self.tone_every_s = tone_every_s
        self.state = "idle"  # idle, ringing, connected
        self.call: EmulatedCall | None = None
        self.calls_delivered = 0
        self._t0 = self._next_ring = self._last_ring = self._cid_at = 0.0
        self._rings = 0
        self._cid_done = False
        self._step = 0
        self._step_at = 0.0
        self._gone: str | None = None
        self._talked = False
        self._next_tone = 0.0
        self._audio_at = 0.0
        self._phase = 0
        self._bogus_at: float | None = None

    @property
    def idle(self) -> bool:
        """True when no call is on the line."""
        return self.state == "idle"

    @property
    def ringing(self) -> bool:
        """True while a call rings."""
        return self.state == "ringing"

    def start(self, call: EmulatedCall, now: float) -> None:
        """The call begins ringing (caller ID first when it comes before the first ring)."""
        self.call, self.state = call, "ringing"
        self._rings, self._cid_done = 0, False
        self._t0 = now
        lead = min(0.5, call.ring_interval_s / 2) if call.cid_after_ring == 0 else 0.0
        self._next_ring = now + lead
        self._cid_at = now if call.cid_after_ring == 0 else math.inf

    def poll(self, now: float) -> None:
        """Produce whatever the line does by `now`."""
        if self.state == "ringing":
            self._ringing(now)
        elif self.state == "connected":
            self._connected(now)

    def host_answered(self, now: float) -> None:
        """The modem went off hook on a ringing call."""
        self.state = "connected"
        self._step, self._step_at = 0, now
        self._gone, self._talked = None, False
        self.calls_delivered += 1

    def outbound_answered(self, now: float) -> None:
        """A dialled number answered; the callee talks a little, then hangs up."""
        self.call = EmulatedCall(number=None)
        self.host_answered(now)

    def host_hung_up(self) -> None:
        """The modem went on hook: whatever call there was is over."""
        self.state, self.call = "idle", None

    def stream_started(self, now: float) -> None:
        """+VTX or +VRX began: voice data flows from `now`."""
        self._audio_at = now
        self._bogus_at = now + 0.15 if self.modem.persona.bogus_dialtone_streaming else None

    def _ringing(self, now: float) -> None:
        call = self.call
        assert call is not None
        if not self._cid_done and now >= self._cid_at:
            self._cid_done = True
            if self.modem.cid and call.japan == self.modem.japan_cid:
                fmt = call.cid_format or (
                    "mdmf" if self.modem.cid == 2 else self.modem.persona.cid_format
                )
                self.modem.write(render_cid(call, fmt))
        if self._rings < call.rings and now >= self._next_ring:
            self._rings += 1
            self._last_ring = now
            self._next_ring += call.ring_interval_s
            if self.modem.distinctive:  # Lucent/Agere: cadence in 100 ms units
                on = max(1, round(min(2.0, call.ring_interval_s / 3) * 10))
                off = max(1, round(call.ring_interval_s * 10) - on)
                self.modem.write(f"\r\nDRON={on}\r\n\r\nDROF={off}\r\n".encode())
            self.modem.unsolicited("RING")
            if self._rings == call.cid_after_ring:
                self._cid_at = now + 0.4 * call.ring_interval_s
        elif self._rings >= call.rings and now >= self._last_ring + call.ring_interval_s:
            self.state, self.call = "idle", None  # the caller gave up

    def _connected(self, now: float) -> None:
        call = self.call
        assert call is not None
        steps = call.caller
        while self._step < len(steps):
            step = steps[self._step]
            if step.kind == "dtmf":
                self._keys(str(step.value))
            elif step.kind == "hangup":
                self._gone, self._next_tone = str(step.value), now
            elif now - self._step_at >= float(step.value):
                self._step_at += float(step.value)
            else:
                break
            if step.kind in ("dtmf", "hangup"):
                self._step_at = now
            self._step += 1
        talking = self._step < len(steps) and steps[self._step].kind == "talk"
        self._talked = self._talked or talking
        self._voice(now, talking)
        if self._bogus_at is not None and now >= self._bogus_at and self.modem.stream:
            self._bogus_at = None
            self.modem.dle("d")
        if self._gone is not None and now >= self._next_tone:
            self._next_tone = now + self.tone_every_s
            self._tone()

    def _voice_mode(self) -> bool:
        return self.modem.fclass == 8 and self.modem.offhook

    def _keys(self, digits: str) -> None:
        if not self._voice_mode():
            return
        style = self.modem.persona.dtmf_style
        for d in digits:
            if style == "plain":
                self.modem.dle(d)
            else:
                self.modem.dle("/")
                for _ in range(3 if style == "repeat" else 1):
                    self.modem.dle(d)
                self.modem.dle("~")

    def _tone(self) -> None:
        if not self._voice_mode():
            return
        gone = self._gone
        if gone == "silence":
            quiet = self._talked and not self.modem.persona.silence_only_s
            self.modem.dle("q" if quiet else "s")
        elif gone is not None:
            self.modem.dle(_TONE_CODES[gone])

    def _voice(self, now: float, talking: bool) -> None:
        n = int((now - self._audio_at) * RATE)
        if n <= 0 or self.modem.stream != "rx":
            if self.modem.stream != "rx":
                self._audio_at = now
            return
        self._audio_at += n / RATE
        if talking:
            samples = bytes(
                128 + int(115 * math.sin(2 * math.pi * 440 * (self._phase + k) / RATE))
                for k in range(n)
            )
        else:
            samples = bytes(128 + ((self._phase + k) * 7 % 3) - 1 for k in range(n))
        self._phase += n
        self.modem.audio(samples)
