"""Recording settings: where recordings live, the quota, what stays free (db thread)."""

from __future__ import annotations

from pathlib import Path

from appliance.core.settings import get_setting
from appliance.recordings.quota import MB, QuotaPolicy

DIR_SETTING = "recordings.dir"  # e.g. /media/ringdesk-rec (a separate disk or USB drive)
QUOTA_SETTING = "recordings.quota_mb"
WARN_SETTING = "recordings.warn_percent"
FREE_SETTING = "recordings.min_free_mb"
LINES_SETTING = "recordings.lines"  # ["line1", ...], or ["*"] for every line; unset: none


def should_record(line: str) -> bool:
    """True when the line's setting says its calls are recorded."""
    lines = get_setting(LINES_SETTING, [])
    return isinstance(lines, list) and ("*" in lines or line in lines)


def root_for(data_dir: Path) -> Path:
    """The recordings directory: the admin's setting, else DATA/recordings."""
    value = get_setting(DIR_SETTING, None)
    return Path(str(value)) if value else Path(data_dir) / "recordings"


def policy_from_settings() -> QuotaPolicy:
    """The quota policy the settings describe (defaults for anything unset)."""
    base = QuotaPolicy()
    quota = get_setting(QUOTA_SETTING, None)
    warn = get_setting(WARN_SETTING, None)
    free = get_setting(FREE_SETTING, None)
    return QuotaPolicy(
        max_bytes=int(float(quota) * MB) if quota else base.max_bytes,
        warn_fraction=float(warn) / 100 if warn else base.warn_fraction,
        min_free_bytes=int(float(free) * MB) if free else base.min_free_bytes,
    )
