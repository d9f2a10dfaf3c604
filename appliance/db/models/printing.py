"""Print jobs: each slip waiting for (or printed on) a receipt printer, kept in the encrypted
database until it has printed, and after for reprints. Not replicated to desks."""

from __future__ import annotations

import peewee

from appliance.db.models.base import BaseModel

JOB_STATES = ("waiting", "printed")


class PrintJob(BaseModel):
    """One slip for one printer; `slip` is the Slip as JSON (it holds the customer's address)."""

    printer = peewee.CharField(default="")  # the [[printers]] name; "" while none prints `kind`
    kind = peewee.CharField()  # kitchen | delivery
    order_id = peewee.IntegerField(null=True, index=True)
    order_no = peewee.CharField(default="")
    slip = peewee.TextField()
    state = peewee.CharField(default="waiting")
    attempts = peewee.IntegerField(default=0)
    problem = peewee.CharField(default="")  # the last failure: offline, paper_out, no_font
    printed_at = peewee.DateTimeField(null=True)
    reprint_of = peewee.IntegerField(null=True)

    class Meta:
        indexes = ((("printer", "state", "id"), False),)


PRINTING_MODELS: tuple[type[BaseModel], ...] = (PrintJob,)
