"""The audit log: one hash-chained row per change (who, desk, what, before → after)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from appliance.core.actor import Actor
from appliance.db.models import AuditLog, BaseModel, utcnow

GENESIS = "0" * 64


@dataclass
class Tally:
    """Audit rows this process has written: a cheap 'did that job commit a change?'."""

    rows: int = 0


WRITTEN = Tally()
# Key material and password hashes never enter before/after (the log travels to desk replicas).
SECRET_FIELDS = frozenset({"password_hash", "file_key", "token_hash"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def row_to_dict(row: BaseModel) -> dict[str, Any]:
    """A model row as a JSON-ready dict (foreign keys as ids, times as ISO text)."""
    out: dict[str, Any] = {}
    for name, field in row._meta.fields.items():
        value = row.__data__.get(field.name)
        out[name] = _jsonable(value)
    return out


def _dump(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    kept = {k: v for k, v in value.items() if k not in SECRET_FIELDS}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=_jsonable)


def holds_secret(text: str | None) -> bool:
    """True when an audit before/after text names a secret field (rows older boxes wrote)."""
    if not text or not any(f'"{name}"' in text for name in SECRET_FIELDS):
        return False
    value = json.loads(text)
    return isinstance(value, dict) and not SECRET_FIELDS.isdisjoint(value)


def without_secrets(text: str | None) -> str | None:
    """An audit before/after text with the secret fields dropped, written as record() writes."""
    if text is None:
        return None
    value = json.loads(text)
    return _dump(value) if isinstance(value, dict) else text


def _digest(entry: dict[str, Any]) -> str:
    blob = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def payload_digest(before: str | None, after: str | None) -> str:
    """SHA-256 over the before and after texts of one audit row."""
    return _digest({"before": before, "after": after})


def _entry(row: AuditLog) -> dict[str, Any]:
    return {
        "at": _jsonable(row.at),
        "user_id": row.user_id,
        "desk_id": row.desk_id,
        "actor_name": row.actor_name,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "action": row.action,
        "payload": row.payload_digest,
        "prev_hash": row.prev_hash,
    }


_COLUMNS = (
    "created_at",
    "updated_at",
    "at",
    "user_id",
    "desk_id",
    "actor_name",
    "entity",
    "entity_id",
    "action",
    "before",
    "after",
    "payload_digest",
    "prev_hash",
    "hash",
)
# Every change writes a row, so the statements are fixed: peewee would build them anew each time.
_LAST_HASH = 'SELECT hash FROM "audit_log" ORDER BY id DESC LIMIT 1'
_INSERT = 'INSERT INTO "audit_log" ({}) VALUES ({})'.format(
    ", ".join(f'"{c}"' for c in _COLUMNS), ", ".join("?" * len(_COLUMNS))
)


def last_hash() -> str:
    """Hash of the newest audit row (GENESIS when the log is empty)."""
    row = AuditLog._meta.database.execute_sql(_LAST_HASH).fetchone()
    return str(row[0]) if row is not None else GENESIS


def record(
    actor: Actor,
    entity: str,
    entity_id: int | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditLog:
    """Append one audit row chained to the previous one; call inside the change's transaction."""
    before_text, after_text = _dump(before), _dump(after)
    now = utcnow()
    row = AuditLog(
        created_at=now,
        updated_at=now,
        at=now,
        user_id=actor.user_id,
        desk_id=actor.desk_id,
        actor_name=actor.name,
        entity=entity,
        entity_id=entity_id,
        action=action,
        before=before_text,
        after=after_text,
        payload_digest=payload_digest(before_text, after_text),
        prev_hash=last_hash(),
    )
    row.hash = _digest(_entry(row))
    cursor = AuditLog._meta.database.execute_sql(_INSERT, tuple(row.__data__[c] for c in _COLUMNS))
    row.id = cursor.lastrowid
    WRITTEN.rows += 1
    return row


@dataclass(frozen=True)
class ChainVerdict:
    """Result of checking the audit chain: ok, rows checked, and the first bad row if any."""

    ok: bool
    checked: int
    bad_id: int | None = None
    reason: str = ""


def verify_audit_chain(batch: int = 5000) -> ChainVerdict:
    """Recompute every hash in id order; a changed, removed or reordered row breaks the chain."""
    prev = GENESIS
    checked = 0
    last_id = 0
    allowed = _redaction_allowed()
    while True:
        rows = list(
            AuditLog.select().where(AuditLog.id > last_id).order_by(AuditLog.id).limit(batch)
        )
        if not rows:
            return ChainVerdict(True, checked)
        for row in rows:
            # `at` comes back from SQLite as a datetime; hashing used the same ISO text.
            if row.prev_hash != prev:
                return ChainVerdict(False, checked, row.id, "previous hash does not match")
            if _digest(_entry(row)) != row.hash:
                return ChainVerdict(False, checked, row.id, "row content does not match its hash")
            if row.redacted_at is None:
                if payload_digest(row.before, row.after) != row.payload_digest:
                    return ChainVerdict(False, checked, row.id, "before/after do not match")
            elif not _redaction_matches(row, allowed):
                return ChainVerdict(False, checked, row.id, "redaction without a redact record")
            prev = row.hash
            checked += 1
            last_id = row.id


def _redaction_allowed() -> dict[int, set[str]]:
    """Row id -> digests its redacted before/after may still have (empty: blanked only).
    A redact row's `kept` pins what secret-stripping left of a row, so that stays checked."""
    allowed: dict[int, set[str]] = {}
    for row in AuditLog.select(AuditLog.after).where(AuditLog.action == "redact"):
        body = json.loads(row.after or "{}")
        kept = body.get("kept") or {}
        for audit_id in body.get("ids", []):
            digests = allowed.setdefault(int(audit_id), set())
            if str(audit_id) in kept:
                digests.add(str(kept[str(audit_id)]))
    return allowed


def _redaction_matches(row: AuditLog, allowed: dict[int, set[str]]) -> bool:
    """A redacted row is authorised and either blank or exactly what its redact row kept."""
    if row.id not in allowed:
        return False
    if row.before is None and row.after is None:
        return True
    return payload_digest(row.before, row.after) in allowed[row.id]


def redact(actor: Actor, audit_ids: list[int], reason: str) -> int:
    """Blank before/after of these rows (personal data erasure); the chain stays verifiable."""
    ids = sorted(set(audit_ids))
    if not ids:
        return 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        AuditLog.update(before=None, after=None, redacted_at=utcnow()).where(
            AuditLog.id.in_(chunk)
        ).execute()
    record(actor, "audit_log", None, "redact", None, {"ids": ids, "reason": reason})
    return len(ids)


def history(entity: str, entity_id: int) -> list[AuditLog]:
    """Audit rows of one entity, oldest first."""
    return list(
        AuditLog.select()
        .where((AuditLog.entity == entity) & (AuditLog.entity_id == entity_id))
        .order_by(AuditLog.id)
    )
