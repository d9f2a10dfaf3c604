"""The restore drill: restore a backup to a temp dir, open it, compare the row counts."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from backups.errors import BackupError


@dataclass(frozen=True)
class DrillReport:
    """The outcome of one drill, as recorded for admins."""

    backup: str
    at: str
    ok: bool
    seconds: float
    message: str
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def drill(
    backup: Path,
    *,
    file_key: bytes | None = None,
    private_key: X25519PrivateKey | None = None,
    work_dir: Path | None = None,
) -> DrillReport:
    """Restore backup into a throwaway encrypted copy and check it; never raises BackupError."""
    from backups.restore import restore_file

    start = time.perf_counter()
    at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with tempfile.TemporaryDirectory(prefix=".ringdesk-drill-", dir=work_dir) as tmp:
        try:
            report = restore_file(
                Path(backup),
                Path(tmp) / "drill.db",
                os.urandom(32),
                private_key=private_key,
                file_key=file_key,
            )
        except BackupError as exc:
            return DrillReport(
                Path(backup).name, at, False, round(time.perf_counter() - start, 3), str(exc)
            )
    rows = sum(report.counts.values())
    return DrillReport(
        Path(backup).name,
        at,
        True,
        round(time.perf_counter() - start, 3),
        f"復元訓練 成功 ({rows} 行) / restore drill passed: {rows} rows in "
        f"{len(report.counts)} tables match the backup",
        report.counts,
    )
