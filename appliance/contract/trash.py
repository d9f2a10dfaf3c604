"""Wire model of the desk's undo list: customers deleted lately, newest first."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

__all__ = ["DeletedCustomerOut"]


class DeletedCustomerOut(BaseModel):
    """A deleted customer the desk can bring back (merged ones are undone by their merge)."""

    id: int
    display_name: str
    reading: str = ""
    company: str = ""
    phone: str = ""
    deleted_at: dt.datetime
    deleted_by: str = ""
    version: int
