"""NCID client-protocol output (TCP 3333-compatible): stock NCID clients see the box's calls."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from appliance.contract import CallOut, PopOut
from appliance.core.events import EventHub
from drivers.base import CallerId, Direction, LineEvent, OnHook, Reason, Ring, RingingStopped
from drivers.lineframe import LineFramer, Overlong

log = logging.getLogger(__name__)

GREETING = ("200 Server: ringdesk (NCID) 0.1", "210 API: 1.5 Feature Set 1")
END_STARTUP = "300 End of connection startup"
HOLD_S = 1.0  # the longest a caller-ID line waits for the box's lookup before going out
CLIENT_MAX_LINE = 512  # a client sends HELLO and REQ lines only (NCID clients are read-only)
HELLO_LINES = 4
_REASON_NMBR = {
    Reason.WITHHELD: "PRIVATE",
    Reason.PAYPHONE: "PAYPHONE",
    Reason.OUT_OF_AREA: "OUT-OF-AREA",
    Reason.SERVICE: "OUT-OF-AREA",
    Reason.ERROR: "UNAVAILABLE",
}
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _clean(value: str) -> str:
    """A field value that cannot break NCID framing (no '*', CR or LF)."""
    return value.replace("*", " ").replace("\r", " ").replace("\n", " ").strip() or "-"


def _fields(pairs: list[tuple[str, str]]) -> str:
    return "*" + "".join(f"{k}*{_clean(v)}*" for k, v in pairs)


def format_event(event: LineEvent, name: str | None = None) -> str | None:
    """The NCID server line for one line event, or None if NCID has no line for it.

    `name` is the box's own name for the caller (a known customer's), sent instead of the
    line's caller-ID name."""
    at = event.at
    if isinstance(event, CallerId):
        nmbr = _REASON_NMBR[event.reason] if event.reason else (event.number or "-")
        name = name or event.name or ("NO NAME" if event.reason is None else nmbr)
        label = "OUT" if event.direction is Direction.OUTBOUND else "CID"
        pairs = [
            ("DATE", at.strftime("%m%d%Y")),
            ("TIME", at.strftime("%H%M")),
            ("LINE", event.line),
            ("NMBR", nmbr),
            ("MESG", "NONE"),
            ("NAME", name),
        ]
        return f"{label}: {_fields(pairs)}"
    if isinstance(event, Ring):
        return "CIDINFO: " + _fields(
            [("LINE", event.line), ("RING", str(event.count)), ("TIME", at.strftime("%H:%M:%S"))]
        )
    if isinstance(event, RingingStopped):
        return "CIDINFO: " + _fields(
            [("LINE", event.line), ("RING", "0"), ("TIME", at.strftime("%H:%M:%S"))]
        )
    if isinstance(event, OnHook):
        return "END: " + _fields(
            [
                ("HTYPE", "BYE"),
                ("DATE", at.strftime("%m%d%Y")),
                ("TIME", at.strftime("%H%M")),
                ("LINE", event.line),
            ]
        )
    return None


def call_log_line(call: CallOut) -> str:
    """The NCID line of a stored call (CID: or OUT:) for the replayed call log, in local time."""
    at = call.started_at
    local = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone().replace(tzinfo=None)
    reason = next((r for r in Reason if r.value == call.reason), None)
    event = CallerId(
        call.line,
        at=local,
        number=call.number or None,
        name=call.caller_name or None,
        reason=reason,
        direction=Direction.OUTBOUND if call.direction == "out" else Direction.INBOUND,
    )
    line = format_event(event, name=call.customer_name)
    assert line is not None  # a CallerId always has its line
    return line


def format_msg(text: str, at: datetime | None = None) -> str:
    """A server MSG: line in the NCID 1.6 message template."""
    when = at or datetime.now()
    tail = _fields(
        [
            ("DATE", when.strftime("%m%d%Y")),
            ("TIME", when.strftime("%H%M")),
            ("NAME", "-"),
            ("NMBR", "-"),
            ("LINE", "-"),
        ]
    )
    return f"MSG: {_clean(text)} **{tail}"


def log_form(line: str) -> str:
    """Call-log replay form: `CID: ...` -> `CIDLOG: ...`."""
    label, _, rest = line.partition(":")
    return f"{label}LOG:{rest}"


@dataclass
class NcidConfig:
    """NCID output settings; off by default, and only allow-listed networks may connect."""

    enabled: bool = False
    host: str = "0.0.0.0"
    port: int = 3333
    allow: list[str] = field(default_factory=list)
    replay: bool = True
    log_size: int = 200
    hello_wait_s: float = 0.05

    def networks(self) -> list[Network]:
        """The allow-list parsed; a bad entry raises ValueError naming it."""
        return [ipaddress.ip_network(n, strict=False) for n in self.allow]


class NcidServer:
    """Read-only NCID server: greeting, optional log replay, then live lines to every client."""

    def __init__(self, config: NcidConfig) -> None:
        self.config = config
        self._allow = config.networks()
        self._log: deque[str] = deque(maxlen=config.log_size)
        self._kept = 0  # call lines kept for replay since start
        self._clients: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self.port: int = config.port
        # while following the box's pops, a caller-ID line waits (up to HOLD_S) for the lookup
        self._held: dict[str, tuple[CallerId, asyncio.TimerHandle]] = {}
        self.follows_pops = False

    async def start(self) -> None:
        """Listen, unless NCID output is disabled (then nothing is opened)."""
        if not self.config.enabled:
            return
        self._server = await asyncio.start_server(self._serve, self.config.host, self.config.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close the listener and every client."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._clients):
            writer.close()
        self._clients.clear()
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    @property
    def listening(self) -> bool:
        """True while the listener is open."""
        return self._server is not None

    def allowed(self, host: str) -> bool:
        """True if a peer address is inside the allow-list."""
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(addr in net for net in self._allow)

    def publish(self, event: LineEvent) -> None:
        """Send the event's NCID line to every client; call lines are kept for replay.

        While following pops, an incoming caller ID waits for the box's lookup first."""
        self._release(event.line)
        if (
            self.follows_pops
            and isinstance(event, CallerId)
            and event.direction is Direction.INBOUND
        ):
            handle = asyncio.get_running_loop().call_later(HOLD_S, self._release, event.line)
            self._held[event.line] = (event, handle)
            return
        line = format_event(event)
        if line is not None:
            self.send_line(line, keep=line.startswith(("CID:", "OUT:")))

    def pop(self, pop: PopOut) -> None:
        """The box's lookup for a held caller ID: it goes out with the customer's name."""
        names = {c.display_name for c in pop.customers}
        self._release(pop.line, names.pop() if len(names) == 1 else None)

    def _release(self, line: str, name: str | None = None) -> None:
        held = self._held.pop(line, None)
        if held is not None:
            event, handle = held
            handle.cancel()
            text = format_event(event, name=name)
            if text is not None:
                self.send_line(text, keep=True)

    async def follow(self, hub: EventHub) -> None:
        """Read the box's pops from `hub` until cancelled (caller IDs then wait for them)."""
        _backlog, queue = hub.subscribe()
        self.follows_pops = True
        try:
            while True:
                event = await queue.get()
                if event is not None and event.kind == "pop":
                    self.pop(PopOut.model_validate(event.data))
        finally:
            hub.unsubscribe(queue)
            self.follows_pops = False
            for line in list(self._held):
                self._release(line)

    def log_mark(self) -> int:
        """How many call lines were kept so far (for `load_log(since=...)`)."""
        return self._kept

    def load_log(self, lines: list[str], since: int | None = None) -> None:
        """Put stored calls (oldest first) before the calls kept since start, for replay.

        With `since` (a `log_mark()`), the stored calls replace the lines kept before that
        mark: after an unlock the store holds every call taken while locked."""
        kept = list(self._log)
        if since is not None:
            kept = kept[len(kept) - min(len(kept), self._kept - since) :]
        self._log.clear()
        self._log.extend([*lines, *kept][-self.config.log_size :])

    def send_line(self, line: str, *, keep: bool = False) -> None:
        """Send one raw server line to all started clients."""
        if keep:
            self._log.append(line)
            self._kept += 1
        data = (line + "\r\n").encode()
        for writer in list(self._clients):
            if writer.is_closing():
                self._clients.discard(writer)
            else:
                writer.write(data)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        if not peer or not self.allowed(peer[0]):
            log.warning("NCID: refused %s (not in the allow-list)", peer and peer[0])
            writer.close()
            return
        writer.write("".join(g + "\r\n" for g in GREETING).encode())
        client = ClientInput()
        with contextlib.suppress(TimeoutError, ConnectionError):
            while client.lines < HELLO_LINES:  # HELLO lines only come right after 210
                data = await asyncio.wait_for(reader.read(4096), self.config.hello_wait_s)
                if not data:
                    break
                client.feed(data)
        client.started = True
        writer.write(self._startup(client.no_log).encode())
        self._clients.add(writer)
        try:
            while data := await reader.read(4096):
                for reply in client.feed(data):
                    writer.write((reply + "\r\n").encode())
        except ConnectionError:
            pass
        finally:
            self._clients.discard(writer)
            writer.close()

    def _startup(self, no_log: bool) -> str:
        lines: list[str] = []
        if not self.config.replay or no_log:
            lines.append("251 Call log not sent")
        elif not self._log:
            lines.append("252 Call log empty")
        else:
            lines += ["254 Start of call log", *(log_form(x) for x in self._log)]
            lines.append("250 End of call log")
        lines.append(END_STARTUP)
        return "".join(x + "\r\n" for x in lines)


class ClientInput:
    """Sans-IO: a client's bytes in, replies out; an overlong line is dropped up to its end.

    Before `started` only HELLO lines count (`no_log`); after it only keep-alive requests.
    """

    def __init__(self) -> None:
        self._framer = LineFramer(CLIENT_MAX_LINE)
        self.started = False
        self.no_log = False
        self.lines = 0

    def feed(self, data: bytes) -> list[str]:
        """The replies to send for the lines completed by `data`."""
        replies: list[str] = []
        for item in self._framer.feed(data):
            self.lines += 1
            if isinstance(item, Overlong):
                continue
            text = item.decode("utf-8", errors="replace").strip()
            if not self.started:
                self.no_log = self.no_log or text.upper() == "HELLO: CMD: NO_LOG"
                continue
            if text.upper().startswith("REQ: ") and text[5:].strip().upper() in ("YO", "ACK"):
                replies.append(f"ACK: {text}")
        return replies
