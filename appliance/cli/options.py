"""Options shared by subcommands."""

from __future__ import annotations

import argparse


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """Add --data DIR (default $RINGDESK_DATA, then the platform data directory)."""
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=None,
        help="data directory (default: $RINGDESK_DATA, then the platform data directory)",
    )
