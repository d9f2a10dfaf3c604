"""Whozz Calling unit emulator: builds call scripts and sends them as UDP packets or serial text."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

from firmware_bridge.pty_link import PtyLink
from firmware_bridge.whozz.packet import build_packet


@dataclass(frozen=True)
class EmulatedCall:
    """One call on one line of an emulated unit."""

    line: int
    number: str
    name: str
    inbound: bool = True
    rings: int = 2
    answered: bool = True
    duration_s: int = 42
    date: str = "09/26"
    time: str = "11:28 AM"


def call_records(call: EmulatedCall, detail: bool = True) -> list[str]:
    """The records a unit with toggles A (start and end) and d (detail) sends for `call`."""
    io = "I" if call.inbound else "O"
    hms = call.time.split()[0] + ":00"
    out: list[str] = []
    if detail and call.inbound:
        out += [f"{call.line:02d} R     {call.date} {hms}"] * call.rings
    field = f"{call.number:<14} {call.name[:15]}"
    ring = f"A{min(call.rings, 9)}"
    out.append(f"{call.line:02d} {io} S 0000 G A0 {call.date} {call.time} {field}")
    if detail and call.answered:
        out.append(f"{call.line:02d} F     {call.date} {hms}")
        out.append(f"{call.line:02d} N     {call.date} {hms}")
    duration = call.duration_s if call.answered else 0
    out.append(f"{call.line:02d} {io} E {duration:04d} G {ring} {call.date} {call.time} {field}")
    return out


class WhozzUnitEmulator:
    """One Ethernet Link unit (2, 4 or 8 lines) sending its records to host:port over UDP."""

    def __init__(self, unit: int, serial: int, host: str = "127.0.0.1", port: int = 3520) -> None:
        self.unit = unit
        self.serial = serial
        self.target = (host, port)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)

    def send_record(self, record: str) -> None:
        """Send one record in one packet."""
        self._sock.sendto(build_packet(self.unit, self.serial, record), self.target)

    async def play(self, call: EmulatedCall, gap_s: float = 0.01) -> None:
        """Send every record of `call`, `gap_s` apart."""
        for record in call_records(call):
            self.send_record(record)
            await asyncio.sleep(gap_s)

    def close(self) -> None:
        """Close the socket."""
        self._sock.close()


class WhozzSerialEmulator:
    """A serial (TCI) unit on a pty: open `.path` with WhozzSerialDriver."""

    def __init__(self) -> None:
        self.link = PtyLink()
        self.path = self.link.path

    async def play(self, call: EmulatedCall, gap_s: float = 0.01) -> None:
        """Write every record of `call` with CR LF ends, `gap_s` apart."""
        for record in call_records(call):
            self.link.write(record.encode("ascii", errors="replace") + b"\r\n")
            await asyncio.sleep(gap_s)

    def close(self) -> None:
        """Close the pty."""
        self.link.close()
