"""Wire models of condition searches (segments) and the kept ones."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.customers import CustomerSummary

__all__ = ["SavedSegmentIn", "SavedSegmentOut", "SegmentOut"]


class SegmentOut(BaseModel):
    """A condition search: the query as read, how many match, and the first matches."""

    query: str
    count: int
    customers: list[CustomerSummary] = Field(default_factory=list)


class SavedSegmentIn(BaseModel):
    """A named condition search to keep."""

    name: str = Field(min_length=1, max_length=100)
    query: str = Field(min_length=1, max_length=1000)


class SavedSegmentOut(SavedSegmentIn):
    """A kept condition search."""

    id: int
