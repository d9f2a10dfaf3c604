"""Callback board strings."""

STRINGS: dict[str, tuple[str, str]] = {
    "board.missed_call": ("不在着信 {who}", "Missed call {who}"),
}
