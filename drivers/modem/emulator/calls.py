"""Scripted calls for the emulator: who calls, how it rings, what the caller does once answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class CallerStep:
    """One thing the far end does after the box answers: talk, dtmf, pause or hangup."""

    kind: str
    value: float | str = 0.0


def talk(seconds: float) -> CallerStep:
    """The caller speaks for `seconds` (a tone on the line)."""
    return CallerStep("talk", seconds)


def pause(seconds: float) -> CallerStep:
    """The caller says nothing for `seconds`."""
    return CallerStep("pause", seconds)


def dtmf(digits: str) -> CallerStep:
    """The caller presses keys."""
    return CallerStep("dtmf", digits)


def hangup(how: str = "busy") -> CallerStep:
    """The caller hangs up; the line then gives busy, silence, dialtone or a loop break."""
    if how not in ("busy", "silence", "dialtone", "loop"):
        raise ValueError(f"hang-up must be busy, silence, dialtone or loop, not {how!r}")
    return CallerStep("hangup", how)


DEFAULT_CALLER = (talk(1.0), hangup("busy"))


def _stamp() -> str:
    return datetime.now().strftime("%m%d%H%M")


@dataclass(frozen=True)
class EmulatedCall:
    """An incoming call; `lines` (literal caller-ID lines, e.g. a samples.txt block) win.

    With no number, no reason and no lines the call rings without caller ID.
    """

    number: str | None
    name: str | None = None
    reason: str | None = None  # P withheld, O out of area, C payphone, S service, E error
    rings: int = 4
    ring_interval_s: float = 6.0
    cid_after_ring: int = 1  # 0: caller ID before the first ring (UK, Japan)
    cid_format: str | None = None  # formatted, compact, sdmf, mdmf; None: the chipset's own
    lines: tuple[str, ...] = ()
    japan: bool = False  # delivered only once Number Display is enabled on the modem
    caller: tuple[CallerStep, ...] = DEFAULT_CALLER
    when: str = field(default_factory=_stamp)


def _hex_message(kind: int, body: bytes) -> str:
    data = bytes((kind, len(body))) + body
    return (data + bytes(((-sum(data)) % 256,))).hex().upper()


def render_cid(call: EmulatedCall, fmt: str) -> bytes:
    """The modem's caller-ID output for `call` in format `fmt`, CR LF framed."""
    if call.lines:
        return b"".join(b"\r\n" + line.encode("utf-8") for line in call.lines) + b"\r\n"
    if call.number is None and call.reason is None:
        return b""  # a call without caller ID: only the rings
    who = call.number if call.number is not None else call.reason or "O"
    if fmt in ("sdmf", "mdmf"):
        if fmt == "sdmf":
            text = _hex_message(0x04, call.when.encode() + who.encode())
        else:
            body = b"\x01\x08" + call.when.encode()
            code = 0x02 if call.number is not None else 0x04
            body += bytes((code, len(who.encode()))) + who.encode()
            if call.name:
                name = call.name.encode("utf-8")[:40]
                body += bytes((0x07, len(name))) + name
            text = _hex_message(0x80, body)
        return b"\r\n" + text.encode() + b"\r\n"
    eq = " = " if fmt == "formatted" else "="
    fields = [("DATE", call.when[:4]), ("TIME", call.when[4:]), ("NMBR", who)]
    if call.name is not None:
        fields.append(("NAME", call.name))
    elif call.number is None:
        fields.append(("NAME", call.reason or "O"))
    text = "".join(f"{k}{eq}{v}\r\n" for k, v in fields)
    return b"\r\n" + text.encode("utf-8")
