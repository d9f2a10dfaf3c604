"""Sans-IO emulated voice modem: host bytes in -> modem bytes out, plus timed output by poll()."""

from __future__ import annotations

from collections import deque

from drivers.modem.dle import DleAudio, DleDecoder, DleEnd, shield
from drivers.modem.emulator.atline import AtCommand, split
from drivers.modem.emulator.calls import EmulatedCall
from drivers.modem.emulator.line import CallTimeline
from drivers.modem.emulator.personality import Personality

_NUMERIC = {
    "OK": "0",
    "CONNECT": "1",
    "RING": "2",
    "NO CARRIER": "3",
    "ERROR": "4",
    "NO DIALTONE": "6",
    "BUSY": "7",
    "NO ANSWER": "8",
    "RINGING": "9",
}
_OK, _ERROR = "OK", "ERROR"


class ModemCore:
    """One powered modem: command interpreter, voice streams and the phone line beside it."""

    def __init__(
        self, persona: Personality, *, dial_s: float = 0.3, tone_every_s: float = 4.0
    ) -> None:
        self.persona = persona
        self.dial_s = dial_s
        self.echo = True
        self.verbose = True
        self.fclass = 0
        self.cid = 0
        self.stored_cid = 0
        self.stored_verbose = True  # AT&W keeps the result-code form for the next ATZ
        self.gci = "B5"
        self.nd_type = "00"
        self.vcdt = 0
        self.distinctive = False  # AT+VDR=1,n: DRON=/DROF= cadence lines before each RING
        self.sregs: dict[int, int] = {0: 0, 7: 50}
        self.offhook = False
        self.stream = ""  # "", "tx" (host plays) or "rx" (host records)
        self.played = bytearray()  # audio the host sent during +VTX, unshielded
        self.log: list[str] = []  # every command line received, for tests and the CLI
        self.dial_outcomes: dict[str, str] = {}  # number -> BUSY / NO CARRIER / ...
        self._cmd = bytearray()
        self._tx = DleDecoder()
        self._rx_dle = False
        self._out = bytearray()
        self.line = CallTimeline(self, tone_every_s=tone_every_s)
        self._dial: tuple[float, str, bool] | None = None
        self._calls: deque[EmulatedCall] = deque()

    # -- the phone line --------------------------------------------------------------
    def place_call(self, call: EmulatedCall) -> None:
        """Queue an incoming call; it starts ringing at the next poll() with the line idle."""
        self._calls.append(call)

    @property
    def japan_cid(self) -> bool:
        """True when Number Display reception is on for this chipset."""
        if self.persona.jp_mode == "gci":
            return self.gci == "00" and self.nd_type == "01"
        if self.persona.jp_mode == "vcdt":
            return self.vcdt == 3
        return False

    # -- bytes -----------------------------------------------------------------------
    def receive(self, data: bytes, now: float) -> bytes:
        """Handle host bytes; returns what the modem writes back at once."""
        i = 0
        while i < len(data):
            if self.stream == "tx":
                items, used = self._tx.decode(data[i:])
                i += used
                for item in items:
                    if isinstance(item, DleAudio):
                        self.played += item.data
                    elif isinstance(item, DleEnd):
                        self.stream = ""
                        self._result(_OK)
                continue
            b = data[i]
            i += 1
            if self.stream == "rx":
                self._receive_abort(b)
            elif b == 0x0D:
                line = self._cmd.decode("latin-1")
                self._cmd.clear()
                if self.echo:
                    self._out += line.encode("latin-1") + b"\r"
                if line.strip():
                    self._line(line, now)
            elif b == 0x08 and self._cmd:
                self._cmd.pop()
            elif b not in (0x0A, 0x10) and len(self._cmd) < 256:
                self._cmd.append(b)
        return self.take()

    def poll(self, now: float) -> bytes:
        """Timed output due by `now`: rings, caller ID, voice data, line events, dial results."""
        if self._dial is not None and now >= self._dial[0]:
            self._finish_dial(now)
        if self.line.idle and self._calls:
            self.line.start(self._calls.popleft(), now)
        self.line.poll(now)
        return self.take()

    def take(self) -> bytes:
        """Drain pending output."""
        out = bytes(self._out)
        self._out.clear()
        return out

    def write(self, data: bytes) -> None:
        """Queue raw modem output (used by the line)."""
        self._out += data

    def dle(self, code: str) -> None:
        """Queue a <DLE> event code."""
        self._out += b"\x10" + code.encode("latin-1")

    def audio(self, samples: bytes) -> None:
        """Queue voice data (shielded) while the host records."""
        if self.stream == "rx":
            self._out += shield(samples)

    def _result(self, text: str, info: tuple[str, ...] = ()) -> None:
        if self.sregs.get(-1):  # ATQ1: quiet
            return
        for line in info:
            self._out += f"\r\n{line}\r\n".encode() if self.verbose else f"{line}\r\n".encode()
        if self.verbose:
            self._out += f"\r\n{text}\r\n".encode()
        else:
            self._out += f"{_NUMERIC.get(text, text)}\r".encode()

    def unsolicited(self, text: str) -> None:
        """An unsolicited result (RING), in the current verbose/numeric form."""
        self._result(text)

    def _receive_abort(self, b: int) -> None:
        if self._rx_dle:
            self._rx_dle = False
            if b in b"!^":
                self.stream = ""
                self._out += b"\x10\x03"
                self._result(_OK)
        elif b == 0x10:
            self._rx_dle = True

    # -- commands --------------------------------------------------------------------
    def _line(self, line: str, now: float) -> None:
        at = line.upper().find("AT")
        if at < 0:
            return  # a Hayes modem ignores everything until it sees "AT"
        line = line[at:]
        self.log.append(line.strip())
        commands = split(line)
        if commands is None:
            self._result(_ERROR)
            return
        info: list[str] = []
        for command in commands:
            outcome = self._command(command, info, now)
            if outcome != _OK:
                if outcome:
                    self._result(outcome, tuple(info))
                return
        self._result(_OK, tuple(info))

    def _command(self, c: AtCommand, info: list[str], now: float) -> str:
        """Run one command; returns OK, a final result to send now, or "" (result comes later)."""
        if c.kind == "basic":
            return self._basic(c.name, c.arg, info, now)
        if c.kind == "amp":
            if c.name == "W":
                self.stored_cid = self.cid
                self.stored_verbose = self.verbose
            elif c.name == "F":
                self.reset()
            elif c.name == "V":
                info += ["ACTIVE PROFILE:", f"E{int(self.echo)} V{int(self.verbose)} X4 &C1 &D2"]
            return _OK
        if c.kind == "sreg":
            reg = int(c.name)
            if c.arg == "?":
                info.append(f"{self.sregs.get(reg, 0):03d}")
            else:
                self.sregs[reg] = int(c.arg[1:] or 0)
            return _OK
        if c.kind == "dial":
            return self._start_dial(c.arg, now)
        return self._extended(c.name, c.arg, info, now)

    def reset(self) -> None:
        """ATZ / power-on: echo back on; the Conexant quirk forgets +VCID even after AT&W."""
        self.echo = True
        self.verbose = self.stored_verbose
        self.sregs.pop(-1, None)
        self.fclass = 0
        self.cid = 0 if self.persona.forgets_cid_on_reset else self.stored_cid
        self.stream = ""
        if self.offhook:
            self.offhook = False
            self.line.host_hung_up()

    def _basic(self, name: str, arg: str, info: list[str], now: float) -> str:
        value = int(arg) if arg else 0
        if name == "Z":
            self.reset()
        elif name == "E":
            self.echo = value == 1
        elif name == "V":
            self.verbose = value == 1
        elif name == "Q":
            self.sregs[-1] = value
        elif name == "H":
            if value == 0 and self.offhook:
                self.offhook = False
                self.line.host_hung_up()
            elif value == 1:
                self.offhook = True
        elif name == "A":
            if not self.line.ringing:
                return "NO CARRIER"
            if self.fclass != 8:
                self.line.host_answered(now)
                return "NO CARRIER"  # no data carrier on a voice call
            self.offhook = True
            self.line.host_answered(now)
        elif name == "I":
            ati = self.persona.ati.get(f"I{value}")
            if ati is None:
                return _ERROR
            info += ati
        return _OK

    def _extended(self, name: str, arg: str, info: list[str], now: float) -> str:
        voice_only = (
            "+VLS",
            "+VTX",
            "+VRX",
            "+VTS",
            "+VSM",
            "+VSD",
            "+VGT",
            "+VGR",
            "+VRA",
            "+VRN",
            "+VIT",
            "+VNH",
            "+VDR",
        )
        if name in voice_only and self.fclass != 8 and name not in ("+VNH", "+VDR"):
            return _ERROR  # "ERROR ... if not in Voice Mode" (Conexant)
        if name == self.persona.cid_command or (name == "-SCID" and self.persona.key == "conexant"):
            return self._cid(name, arg, info)
        if name == "+FCLASS":
            if arg == "?":
                info.append(str(self.fclass))
            elif arg == "=?":
                info.append("0,1,1.0,2,8")
            elif arg[1:] in ("0", "1", "8", "2", "1.0"):
                self.fclass = 8 if arg[1:] == "8" else 0
            else:
                return _ERROR
            return _OK
        if name == "+VDR":
            self.distinctive = arg[1:2] == "1"
            return _OK
        if name == "+VSM" and arg == "=?":
            info += self.persona.vsm
            return _OK
        if name == "+VLS":
            return self._vls(arg, now)
        if name in ("+VTX", "+VRX"):
            if not self.offhook:
                return _ERROR
            self.stream = "tx" if name == "+VTX" else "rx"
            self._tx.reset()
            self._result("CONNECT")
            self.line.stream_started(now)
            return ""
        if name == "+GCI":
            if arg == "?":
                info.append(f"+GCI: {self.gci}")
            elif arg == "=?":
                info.append("+GCI: (00,B4,B5)")
            else:
                self.gci = arg[1:].upper()
            return _OK
        if name == "!4886" and self.persona.jp_mode == "gci":
            self.nd_type = arg[1:] or "00"
            return _OK
        if name == "+VCDT" and self.persona.jp_mode == "vcdt":
            self.vcdt = int(arg[1:] or 0) if arg[1:].isdigit() else 0
            return _OK
        if name in ("+GMM", "+GMI"):
            info += self.persona.ati.get(name, self.persona.ati["I3"])
            return _OK
        known = (*voice_only, "-STE", "!4892", "+IFC", "-SDR", "+VTD", "+VSP")
        return _OK if name in known else _ERROR

    def _cid(self, name: str, arg: str, info: list[str]) -> str:
        if arg == "?":
            info.append(str(self.cid) if self.persona.query_bare else f"{name}: {self.cid}")
        elif arg == "=?":
            info.append("(0-2)")
        elif arg[1:] in ("0", "1", "2"):
            self.cid = int(arg[1:])
        else:
            return _ERROR
        return _OK

    def _vls(self, arg: str, now: float) -> str:
        if arg == "?":
            return _OK
        relay = arg[1:] or "0"
        if relay == "0":
            if self.offhook:
                self.offhook = False
                self.line.host_hung_up()
        else:
            self.offhook = True
            if self.line.ringing:
                self.line.host_answered(now)
        return _OK

    def _start_dial(self, arg: str, now: float) -> str:
        number = "".join(ch for ch in arg if ch.isdigit() or ch in "*#")
        stay = arg.endswith(";")
        if stay and self.fclass != 8:
            self.offhook = True
            return _OK  # ATD...; returns to command mode right after dialling
        self._dial = (now + self.dial_s, number, self.fclass == 8)
        return ""

    def _finish_dial(self, now: float) -> None:
        assert self._dial is not None
        _, number, voice = self._dial
        self._dial = None
        outcome = self.dial_outcomes.get(number, "answer")
        if outcome != "answer":
            self._result(outcome)
            return
        if not voice:
            self._result("NO CARRIER")  # a person answered: no data carrier
            return
        self.offhook = True
        self.line.outbound_answered(now)
        self._result(_OK)
