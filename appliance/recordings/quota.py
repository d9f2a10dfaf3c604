"""Space for recordings: a quota on their directory, a reserve kept free on its disk, warnings."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".rdrec"
GB = 1000**3
MB = 1000**2

Warn = Callable[[str], None]


@dataclass(frozen=True)
class QuotaPolicy:
    """Bytes the recordings may use, when to warn, and what must stay free on the disk."""

    max_bytes: int = 8 * GB
    warn_fraction: float = 0.9
    min_free_bytes: int = 256 * MB  # never fill the disk (it may be the system disk)


def drive_gone(root: Path) -> str:
    """The message for a recordings directory that vanished (a pulled USB drive)."""
    return (
        f"録音先のドライブが見つかりません (外されましたか?) / the recording drive is gone "
        f"({root}); recordings already made are kept on it"
    )


def _mb(n: float) -> str:
    return f"{n / MB:.0f} MB"


class QuotaGuard:
    """Tracks the directory's usage (thread-safe) and says when there is no room."""

    def __init__(self, root: Path, policy: QuotaPolicy, on_warning: Warn) -> None:
        self.root = Path(root)
        self.policy = policy
        self.on_warning = on_warning
        self._lock = threading.Lock()
        self._warned = False
        self.used = (
            sum(p.stat().st_size for p in self.root.glob("*" + SUFFIX)) if self.root.is_dir() else 0
        )

    def add(self, n: int) -> None:
        """n bytes were written; warns once when usage crosses the warning line."""
        with self._lock:
            self.used += n
            crossing = (
                not self._warned and self.used >= self.policy.warn_fraction * self.policy.max_bytes
            )
            self._warned = self._warned or crossing
            used = self.used
        if crossing:
            self.on_warning(
                f"録音領域が残りわずかです ({_mb(used)} / {_mb(self.policy.max_bytes)}) / "
                f"recording space is nearly full ({_mb(used)} of {_mb(self.policy.max_bytes)}): "
                "old recordings past retention will be deleted, then recording stops"
            )

    def remove(self, n: int) -> None:
        """n bytes were deleted; re-arms the warning once usage is back under the line."""
        with self._lock:
            self.used = max(0, self.used - n)
            if self.used < self.policy.warn_fraction * self.policy.max_bytes:
                self._warned = False

    def free_on_disk(self) -> int:
        """Bytes free for unprivileged writers on the recordings directory's disk."""
        st = os.statvfs(self.root)
        return st.f_bavail * st.f_frsize

    def refusal(self, more: int) -> str | None:
        """Why `more` bytes cannot be written (over quota, disk reserve), or None if they can."""
        if self.used + more > self.policy.max_bytes:
            return (
                f"録音領域の上限に達しました ({_mb(self.policy.max_bytes)}) / the recording "
                f"quota ({_mb(self.policy.max_bytes)}) is reached"
            )
        try:
            free = self.free_on_disk()
        except OSError:  # the directory went away between two checks
            return drive_gone(self.root)
        if free - more < self.policy.min_free_bytes:
            return (
                f"録音先ディスクの空きが足りません (残り {_mb(free)}) / the recording disk is "
                f"almost full ({_mb(free)} free, {_mb(self.policy.min_free_bytes)} is always "
                "kept free)"
            )
        return None
