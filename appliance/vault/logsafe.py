"""Keep personal data out of logs: SQL parameters are never logged, whatever the root level."""

from __future__ import annotations

import logging

# peewee logs every query with its parameters (names, numbers) at DEBUG.
QUIET = {"peewee": logging.INFO}


def guard_logs() -> None:
    """Raise the level of loggers that would write personal data; idempotent."""
    for name, level in QUIET.items():
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < level:
            logger.setLevel(level)
