"""Wire models of custom-field definitions: the fields an admin adds to every customer card."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import Version

__all__ = ["CustomFieldIn", "CustomFieldOut", "CustomFieldPatch", "FieldType"]

FieldType = Literal["text", "number", "date", "bool", "choice"]
Choice = str


class CustomFieldIn(BaseModel):
    """Admin: a new field; key (a-z, 0-9, _) and type stay, the rest can change later."""

    key: str = Field(min_length=1, max_length=64)
    label: str = Field(min_length=1, max_length=100)
    label_en: str = Field(default="", max_length=100)
    field_type: FieldType = "text"
    choices: list[Choice] = Field(default_factory=list, max_length=100)
    position: int = Field(default=0, ge=0, le=10_000)


class CustomFieldPatch(BaseModel):
    """Admin: relabel, reorder or change a choice field's choices (versioned)."""

    version: Version
    label: str | None = Field(default=None, min_length=1, max_length=100)
    label_en: str | None = Field(default=None, max_length=100)
    choices: list[Choice] | None = Field(default=None, max_length=100)
    position: int | None = Field(default=None, ge=0, le=10_000)


class CustomFieldOut(BaseModel):
    """A field definition; retired ones keep their values hidden until brought back."""

    id: int
    key: str
    label: str
    label_en: str = ""
    field_type: str
    choices: list[str] = Field(default_factory=list)
    position: int = 0
    retired: bool = False
    version: int
