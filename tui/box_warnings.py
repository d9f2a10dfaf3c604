"""The box's warnings worded in the desk's language (the box sends a code and values)."""

from __future__ import annotations

from typing import Any

from tui.i18n import CATALOGUE, t

SINCE = {"backup_target", "backup_failed"}
PRINTER = {"printer_offline", "printer_paper_out", "printer_no_font", "no_printer"}


def warning_text(warning: Any) -> str:
    """One warning from a status event, in the desk's language; unknown codes are named."""
    if not isinstance(warning, dict):  # a box older than warning codes sent text
        return str(warning)
    code = str(warning.get("code", ""))
    values = warning.get("values") or {}
    key = f"warning.{code}"
    if key not in CATALOGUE:
        return t("warning.other", code=code)
    if code in SINCE:
        hours = int(values.get("hours_since_good", -1))
        since = (
            t("warning.since_never")
            if hours < 0
            else t("warning.since_recent")
            if hours == 0
            else t("warning.since_hours", hours=hours)
        )
        return t(key, since=since)
    if code == "database_damaged":
        return t(key, pages=int(values.get("pages", 0)))
    if code == "disk_low":
        return t(key, free_mb=int(values.get("free_mb", 0)))
    if code in PRINTER:
        kind = str(values.get("kind", ""))
        return t(
            key,
            printer=str(values.get("printer", "")),
            waiting=int(values.get("waiting", 0)),
            kind=t(f"print.kind.{kind}") if f"print.kind.{kind}" in CATALOGUE else kind,
        )
    return t(key)
