"""The box's log lines: a syslog priority prefix and no timestamp when stderr is systemd's
journal (journald stamps and ranks each line), a timestamp otherwise."""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3}


class JournalFormatter(logging.Formatter):
    """'<6>appliance.service: box started ...': journald reads the <N> as the priority."""

    def format(self, record: logging.LogRecord) -> str:
        """The record's lines, each prefixed with its syslog priority."""
        level = PRIORITY.get(record.levelno, 2 if record.levelno > logging.ERROR else 6)
        text = f"{record.name}: {super().format(record)}"
        return "\n".join(f"<{level}>{line}" for line in text.splitlines())


def on_journal(stream: TextIO, env: dict[str, str] | None = None) -> bool:
    """True when `stream` is the journal systemd connected (JOURNAL_STREAM names its inode)."""
    value = (os.environ if env is None else env).get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return False
    return f"{st.st_dev}:{st.st_ino}" == f"{device}:{inode}"


def log_handler(stream: TextIO = sys.stderr) -> logging.Handler:
    """A stderr handler formatted for the journal or for a terminal, whichever stderr is."""
    handler = logging.StreamHandler(stream)
    if on_journal(stream):
        handler.setFormatter(JournalFormatter("%(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    return handler
