"""The change stream read side: committed changes after an audit seq, and table pages for a
fresh desk replica (db thread).

Each audit row is one committed change; a page carries the audit rows themselves and the
current state of every row they touched (None when the row is gone), plus, for parents whose
children are rewritten as a set (a customer's phones, an order's items), the ids that remain."""

from __future__ import annotations

import json
from typing import Any

import peewee

from appliance.core import audit
from appliance.core.access import field_rules
from appliance.core.access.roles import AUDIT_MARK, may_read_table
from appliance.core.audit import row_to_dict
from appliance.db.models import (
    ALL_MODELS,
    Address,
    AuditLog,
    BaseModel,
    CustomerTag,
    CustomFieldValue,
    Email,
    OrderItem,
    Phone,
    Session,
)

# Sessions are bearer-token hashes of this box only; a restored box starts without them.
NOT_REPLICATED = frozenset({Session._meta.table_name})
TABLES: dict[str, type[BaseModel]] = {
    str(m._meta.table_name): m for m in ALL_MODELS if m._meta.table_name not in NOT_REPLICATED
}
PAGE = 500
# A desk laptop is trusted less than the box: no key material and no password hashes leave
# it (a box restored from a replica alone needs its passwords set again, recordings keys from
# a snapshot). Paired desks' certificates are not needed on a desk: a restored box re-pairs.
WITHHELD = {"user": ("password_hash",), "recording": ("file_key",)}
WITHHELD_SETTINGS = ("_desk_cert.",)


def _audit_out(row: AuditLog) -> dict[str, Any]:
    """An audit row for the stream; one whose before/after hold a secret (older boxes wrote
    them) goes blanked and marked redacted, and a restore authorises that with a redact row."""
    data = row_to_dict(row)
    texts = (row.before, row.after)
    if any(audit.holds_secret(t) for t in texts) or (
        row.entity == "setting" and any(_withheld_setting(t) for t in texts)
    ):
        data.update(before=None, after=None, redacted_at=data["at"])
    return data


def _withheld_setting(text: str | None) -> bool:
    """True when a setting's audit text is about a withheld setting (a desk's certificate)."""
    if not text or not any(prefix in text for prefix in WITHHELD_SETTINGS):
        return False
    value = json.loads(text)
    return isinstance(value, dict) and str(value.get("key", "")).startswith(WITHHELD_SETTINGS)


def row_out(table: str, row: BaseModel) -> dict[str, Any] | None:
    """A box row as the stream sends it (withheld fields left out); None: not sent at all."""
    if table == "audit_log":
        return _audit_out(row)  # type: ignore[arg-type]
    data = row_to_dict(row)
    if table == "setting" and str(data.get("key", "")).startswith(WITHHELD_SETTINGS):
        return None
    for name in WITHHELD.get(table, ()):
        data.pop(name, None)
    return data


def _rows_out(table: str, found: list[Any]) -> list[dict[str, Any]]:
    out = ({"table": table, "id": int(r.id), "data": row_out(table, r)} for r in found)
    return [r for r in out if r["data"] is not None]


# Children written as a set with their parent (and audited under it); keep in step with
# tui/replica/store.py CHILD_OWNER.
CHILDREN: dict[str, list[tuple[type[BaseModel], str]]] = {
    "customer": [
        (Phone, "customer"),
        (Email, "customer"),
        (Address, "customer"),
        (CustomerTag, "customer"),
        (CustomFieldValue, "customer"),
    ],
    "order": [(OrderItem, "order")],
}


# On an erasure (APPI) every table pointing at the customer is sent as a set.
ERASED: list[tuple[type[BaseModel], str]] = [
    (m, "customer")
    for m in TABLES.values()
    if isinstance(m._meta.fields.get("customer"), peewee.ForeignKeyField)
]


def head() -> int:
    """The newest committed audit seq (0 on an empty log)."""
    row = AuditLog.select(AuditLog.id).order_by(AuditLog.id.desc()).first()
    return int(row.id) if row is not None else 0


def changes_since(since: int, limit: int = PAGE, role: str = "admin") -> dict[str, Any]:
    """Changes after audit seq `since`: audit rows, touched rows' current state, child sets;
    a role below admin gets no row of an admin table and of each audit row only its mark."""
    audits = list(AuditLog.select().where(AuditLog.id > since).order_by(AuditLog.id).limit(limit))
    rows: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    whole_audit = may_read_table(role, "audit_log")
    for entry in audits:
        rows.extend(_audit_rows([entry], whole_audit))
        if entry.action == "redact":  # erased personal data must leave the replicas too
            ids = json.loads(entry.after or "{}").get("ids", [])
            redacted = list(AuditLog.select().where(AuditLog.id.in_(ids)))
            rows.extend(_audit_rows(redacted, whole_audit))
        key = (str(entry.entity), int(entry.entity_id or 0))
        if key in seen or entry.entity_id is None or key[0] not in TABLES:
            continue
        if not may_read_table(role, key[0]):
            continue
        seen.add(key)
        model = TABLES[key[0]]
        row = model.get_or_none(model.id == key[1])
        if row is None:
            rows.append({"table": key[0], "id": key[1], "data": None})
        else:
            rows.extend(_rows_out(key[0], [row]))
        children = CHILDREN.get(key[0], [])
        if key[0] == "customer" and entry.action == "erase":
            children = ERASED  # every row of theirs was removed or blanked: resend them all
        for child, fk in children:
            table = str(child._meta.table_name)
            if not may_read_table(role, table):
                continue
            kids = list(child.select().where(getattr(child, fk) == key[1]))
            rows.extend(_rows_out(table, kids))
            sets.append({"table": table, "owner": key[1], "ids": [int(k.id) for k in kids]})
    last = int(audits[-1].id) if audits else since
    field_rules.strip_rows(role, rows)
    return {
        "since": since,
        "last_seq": last,
        "head": head(),
        "more": len(audits) == limit,
        "rows": rows,
        "sets": sets,
    }


def _audit_rows(entries: list[AuditLog], whole: bool) -> list[dict[str, Any]]:
    """Audit rows as sent: whole for an admin, else only the mark a replica needs (id, at)."""
    rows = _rows_out("audit_log", entries)
    if whole:
        return rows
    for row in rows:
        if row["data"] is not None:
            row["data"] = {k: row["data"][k] for k in AUDIT_MARK if k in row["data"]}
    return rows


def tables_for(role: str) -> list[str]:
    """The replicated tables `role` may copy."""
    return [t for t in TABLES if may_read_table(role, t)]


def table_page(table: str, after: int, limit: int = PAGE, role: str = "admin") -> dict[str, Any]:
    """Rows of one replicated table with id > after, for a fresh replica (as `role` may copy
    them); KeyError if unknown."""
    model = TABLES[table]
    found = list(model.select().where(model.id > after).order_by(model.id).limit(limit))
    rows = field_rules.strip_rows(role, _rows_out(table, found))
    more = len(found) == limit
    return {"table": table, "rows": rows, "next": int(found[-1].id) if more else None}
