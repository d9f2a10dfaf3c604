"""A configured printer reached through python-escpos (TCP, USB or serial): asked its status,
sent a job, asked again once the job has gone through. Blocking: run it on a thread."""

from __future__ import annotations

import contextlib
from typing import Any

from escpos.exceptions import Error as EscposError

from appliance.config import PrinterConfig
from appliance.printing.status import (
    ASK_AFTER_JOB,
    ASK_PAPER,
    ASK_PRINTER,
    OFFLINE,
    after_job_problem,
    realtime_problem,
)


class PrinterError(Exception):
    """The job did not print; `code` says why (offline, paper_out, no_font)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class Device:
    """One printer of ringdesk.toml; each call opens it, does its work and closes it again."""

    def __init__(self, config: PrinterConfig) -> None:
        self.config = config

    def print_job(self, job: bytes) -> None:
        """Print the job, or raise PrinterError (nothing is known to have printed then,
        except when the paper ran out during it)."""
        self._session(job)

    def check(self) -> None:
        """Ask the printer's status; PrinterError when it cannot print now."""
        self._session(None)

    def _session(self, job: bytes | None) -> None:
        try:
            printer = self._open()
        except Exception as exc:  # no such device, no USB library, refused, timed out...
            raise PrinterError(OFFLINE, type(exc).__name__) from None
        try:
            reader = _Replies(printer)
            if self.config.status:
                problem = realtime_problem(reader.ask(ASK_PRINTER), reader.ask(ASK_PAPER))
                if problem is not None:
                    raise PrinterError(problem)
            if job is None:
                return
            printer._raw(job)
            if self.config.status:
                problem = after_job_problem(reader.ask(ASK_AFTER_JOB))
                if problem is not None:
                    raise PrinterError(problem, "during the job")
        except (OSError, EscposError) as exc:
            raise PrinterError(OFFLINE, type(exc).__name__) from None
        finally:
            _close(printer)

    def _open(self) -> Any:
        c = self.config
        if c.host:
            from escpos.printer import Network

            printer: Any = Network(c.host, port=c.port, timeout=c.timeout_s)
        elif c.usb:
            from escpos.printer import Usb

            printer = Usb(c.usb[0], c.usb[1], timeout=int(c.timeout_s * 1000))
        else:
            from escpos.printer import Serial

            printer = Serial(c.device, baudrate=c.baudrate, timeout=c.timeout_s)
        printer.open()
        return printer


class _Replies:
    """Status answers read one byte at a time (a read may bring several)."""

    def __init__(self, printer: Any) -> None:
        self.printer = printer
        self.pending = bytearray()

    def ask(self, query: bytes) -> int:
        """Send a status query and return its one-byte answer."""
        self.printer._raw(query)
        while not self.pending:
            got = self.printer._read()
            if not got:
                raise ConnectionError("the printer closed the connection")
            self.pending += got
        return self.pending.pop(0)


def _close(printer: Any) -> None:
    with contextlib.suppress(OSError, EscposError):
        printer.close()
