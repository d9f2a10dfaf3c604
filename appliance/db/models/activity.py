"""What happens with customers: calls, interactions, notes, tasks, cards and surveys."""

from __future__ import annotations

import peewee

from appliance.db.models.admin import Desk, User
from appliance.db.models.base import BaseModel, EditableModel, utcnow
from appliance.db.models.people import Customer

INTERACTION_KINDS = ("call", "email", "fax", "visit", "sms", "letter", "web")
TASK_STATES = ("open", "done", "cancelled")


class Call(BaseModel):
    """One call on a line, written at its first event and updated until hang-up."""

    line = peewee.CharField()
    direction = peewee.CharField(default="in")  # in | out
    state = peewee.CharField(default="ringing")
    started_at = peewee.DateTimeField(default=utcnow, index=True)
    answered_at = peewee.DateTimeField(null=True)
    ended_at = peewee.DateTimeField(null=True)
    duration_s = peewee.FloatField(null=True)
    raw_cid = peewee.TextField(default="")
    standard = peewee.CharField(default="")
    number = peewee.CharField(default="")
    number_e164 = peewee.CharField(null=True)
    number_national = peewee.CharField(default="", index=True)
    caller_name = peewee.CharField(default="")
    reason = peewee.CharField(null=True)  # P/C/O/S/E when no number was sent
    customer = peewee.ForeignKeyField(
        Customer, null=True, backref="calls", on_delete="SET NULL", index=True
    )
    desk = peewee.ForeignKeyField(Desk, null=True, backref="calls", on_delete="SET NULL")
    user = peewee.ForeignKeyField(User, null=True, backref="calls", on_delete="SET NULL")
    disposition = peewee.CharField(default="")
    recording_ref = peewee.CharField(default="")

    class Meta:
        # the pop's "last calls of this customer" reads this index backwards, never the table
        indexes = ((("customer", "started_at"), False),)


class Interaction(EditableModel):
    """A contact with a customer: a call, or a manual email/fax/visit/SMS/letter/web entry."""

    customer = peewee.ForeignKeyField(
        Customer, null=True, backref="interactions", on_delete="SET NULL"
    )
    kind = peewee.CharField()
    direction = peewee.CharField(default="in")
    occurred_at = peewee.DateTimeField(default=utcnow, index=True)
    summary = peewee.TextField(default="")
    call = peewee.ForeignKeyField(Call, null=True, backref="interactions", on_delete="SET NULL")
    user = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    desk = peewee.ForeignKeyField(Desk, null=True, on_delete="SET NULL")
    time_spent_s = peewee.IntegerField(default=0)  # a manual entry's handling time


class Note(EditableModel):
    """A note on a customer (optionally written during a call), with time spent and pinning."""

    customer = peewee.ForeignKeyField(Customer, backref="notes", on_delete="CASCADE")
    call = peewee.ForeignKeyField(Call, null=True, backref="notes", on_delete="SET NULL")
    author = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    author_name = peewee.CharField(default="")
    body = peewee.TextField()
    time_spent_s = peewee.IntegerField(default=0)
    pinned = peewee.BooleanField(default=False)

    class Meta:
        indexes = ((("customer", "pinned"), False),)


class Task(EditableModel):
    """A task or callback: due time, assignee, reason and state."""

    kind = peewee.CharField(default="callback")  # callback | task
    customer = peewee.ForeignKeyField(Customer, null=True, backref="tasks", on_delete="CASCADE")
    call = peewee.ForeignKeyField(Call, null=True, backref="tasks", on_delete="SET NULL")
    due_at = peewee.DateTimeField(null=True, index=True)
    assignee = peewee.ForeignKeyField(User, null=True, backref="tasks", on_delete="SET NULL")
    reason = peewee.TextField(default="")
    state = peewee.CharField(default="open", index=True)
    done_at = peewee.DateTimeField(null=True)
    missed_count = peewee.IntegerField(default=0)  # missed calls folded into this callback
    last_missed_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("customer", "state", "due_at"), False),)


class CallList(EditableModel):
    """A list of customers to call (a campaign, a reminder round)."""

    name = peewee.CharField()
    description = peewee.TextField(default="")


class CallListEntry(EditableModel):
    """A customer on a call list: state, assignee and attempts."""

    call_list = peewee.ForeignKeyField(CallList, backref="entries", on_delete="CASCADE")
    customer = peewee.ForeignKeyField(Customer, backref="call_list_entries", on_delete="CASCADE")
    state = peewee.CharField(default="uncalled")  # uncalled | called | no_answer | callback
    assignee = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    attempts = peewee.IntegerField(default=0)
    last_attempt_at = peewee.DateTimeField(null=True)


class BusinessCard(EditableModel):
    """A scanned business card: image reference, OCR text, parsed fields, where and when."""

    customer = peewee.ForeignKeyField(Customer, null=True, backref="cards", on_delete="SET NULL")
    image_ref = peewee.CharField(default="")
    ocr_text = peewee.TextField(default="")
    parsed = peewee.TextField(default="{}")  # JSON object of parsed fields
    exchanged_at = peewee.DateField(null=True)
    exchanged_where = peewee.CharField(default="")


class SurveyResponse(BaseModel):
    """A customer's NPS answer (0–10) and comment."""

    customer = peewee.ForeignKeyField(Customer, null=True, backref="surveys", on_delete="SET NULL")
    call = peewee.ForeignKeyField(Call, null=True, on_delete="SET NULL")
    score = peewee.IntegerField(constraints=[peewee.Check("score BETWEEN 0 AND 10")])
    comment = peewee.TextField(default="")
    answered_at = peewee.DateTimeField(default=utcnow)
