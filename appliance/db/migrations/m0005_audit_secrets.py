"""Audit rows older boxes wrote with secrets in before/after (password hashes, recording keys,
session token hashes: audit.SECRET_FIELDS) lose those fields; everything else they say stays.

Why the chain survives: a row's hash covers its payload_digest (audit._entry), never the
before/after texts themselves; verify_audit_chain() compares before/after with payload_digest
only for rows without redacted_at. So each rewritten row gets redacted_at, and one `redact`
audit row appended by audit.record() names them (`ids`) and pins the digest of what was kept
(`kept`: id -> payload_digest of the new texts), which the verifier checks instead. No existing
row's hash, prev_hash or payload_digest changes.
"""

from __future__ import annotations

from typing import Any

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.db.models import AuditLog, utcnow

REASON = "secret fields older versions logged / 旧版が記録した秘密の項目"
BATCH = 500


def _suspects(db: Any, after: int) -> list[tuple[int, str | None, str | None]]:
    """Unredacted rows after id `after` whose texts name a secret field (a cheap first cut)."""
    like = " OR ".join(f"{col} LIKE ?" for col in ("before", "after") for _ in audit.SECRET_FIELDS)
    names = [f'%"{name}"%' for _ in ("before", "after") for name in sorted(audit.SECRET_FIELDS)]
    cursor = db.execute_sql(
        f'SELECT id, before, after FROM "audit_log" WHERE id > ? AND redacted_at IS NULL'
        f" AND ({like}) ORDER BY id LIMIT {BATCH}",
        (after, *names),
    )
    return [(int(i), b, a) for i, b, a in cursor.fetchall()]


def apply(db: Any) -> None:
    """Strip secret fields from old audit rows, mark them redacted, authorise that."""
    kept: dict[str, str] = {}
    now, last = AuditLog.redacted_at.db_value(utcnow()), 0  # type: ignore[no-untyped-call]
    while rows := _suspects(db, last):
        last = rows[-1][0]
        for audit_id, before, after in rows:
            if not (audit.holds_secret(before) or audit.holds_secret(after)):
                continue  # a name only mentioned inside some value
            clean_before = audit.without_secrets(before) if audit.holds_secret(before) else before
            clean_after = audit.without_secrets(after) if audit.holds_secret(after) else after
            db.execute_sql(
                'UPDATE "audit_log" SET before = ?, after = ?, redacted_at = ? WHERE id = ?',
                (clean_before, clean_after, now, audit_id),
            )
            kept[str(audit_id)] = audit.payload_digest(clean_before, clean_after)
    if not kept:
        return
    ids = sorted(int(i) for i in kept)
    # migrations run before the models are bound to the database: bind the one record() uses
    with db.bind_ctx([AuditLog], bind_refs=False, bind_backrefs=False):
        audit.record(
            Actor.system("migration 0005"),
            "audit_log",
            None,
            "redact",
            None,
            {"ids": ids, "reason": REASON, "kept": kept},
        )
