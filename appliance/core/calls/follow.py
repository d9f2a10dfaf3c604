"""A number given a customer (db thread): its earlier nameless calls and their callbacks
follow that customer, so the board and the history name them."""

from __future__ import annotations

from appliance.core import audit
from appliance.core.actor import Actor
from appliance.db.models import Call, Phone, Task


def follow_number(actor: Actor, customer_id: int, e164: str | None, national: str) -> int:
    """Calls from this number with no customer, and the callbacks they made, become the
    customer's — unless another customer has the number too (a shared number stays a
    choice for the desk). Returns how many calls moved."""
    if not e164 and not national:
        return 0
    same_phone = Phone.national == national if national else Phone.e164 == e164
    if e164:
        same_phone = same_phone | (Phone.e164 == e164)
    owners = {
        int(p.customer_id) for p in Phone.live().select(Phone.customer).where(same_phone).distinct()
    }
    if owners - {customer_id}:
        return 0
    same_call = Call.number_national == national if national else Call.number_e164 == e164
    if e164:
        same_call = same_call | (Call.number_e164 == e164)
    calls = [int(c.id) for c in Call.select(Call.id).where(Call.customer.is_null() & same_call)]
    if not calls:
        return 0
    Call.update(customer=customer_id).where(Call.id.in_(calls)).execute()
    for call_id in calls:
        audit.record(actor, "call", call_id, "customer", None, {"customer": customer_id})
    tasks = Task.select(Task.id).where(Task.customer.is_null() & Task.call.in_(calls))
    task_ids = [int(t.id) for t in tasks]
    if task_ids:
        Task.update(customer=customer_id, version=Task.version + 1).where(
            Task.id.in_(task_ids)
        ).execute()
        for task_id in task_ids:
            audit.record(actor, "task", task_id, "customer", None, {"customer": customer_id})
    return len(calls)
