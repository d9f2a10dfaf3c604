"""peewee models for every entity of DESIGN §4, bound through base.database_proxy."""

from __future__ import annotations

from appliance.db.models.activity import (
    BusinessCard,
    Call,
    CallList,
    CallListEntry,
    Interaction,
    Note,
    SurveyResponse,
    Task,
)
from appliance.db.models.admin import AuditLog, BlockList, Desk, Role, Session, Setting, User
from appliance.db.models.base import BaseModel, EditableModel, database_proxy, utcnow
from appliance.db.models.commerce import Order, OrderItem, Product
from appliance.db.models.people import (
    Address,
    Customer,
    CustomerTag,
    CustomFieldDef,
    CustomFieldValue,
    Email,
    Phone,
    Tag,
)
from appliance.db.models.recordings import Recording, Transcript

# In dependency order (referenced tables first), as create_tables needs.
ALL_MODELS: tuple[type[BaseModel], ...] = (
    Role,
    User,
    Desk,
    Session,
    AuditLog,
    BlockList,
    Setting,
    Customer,
    Phone,
    Email,
    Address,
    Tag,
    CustomerTag,
    CustomFieldDef,
    CustomFieldValue,
    Call,
    Recording,
    Transcript,
    Interaction,
    Note,
    Task,
    CallList,
    CallListEntry,
    BusinessCard,
    SurveyResponse,
    Product,
    Order,
    OrderItem,
)

__all__ = [
    "ALL_MODELS",
    "Address",
    "AuditLog",
    "BaseModel",
    "BlockList",
    "BusinessCard",
    "Call",
    "CallList",
    "CallListEntry",
    "CustomFieldDef",
    "CustomFieldValue",
    "Customer",
    "CustomerTag",
    "Desk",
    "EditableModel",
    "Email",
    "Interaction",
    "Note",
    "Order",
    "OrderItem",
    "Phone",
    "Product",
    "Recording",
    "Role",
    "Session",
    "Setting",
    "SurveyResponse",
    "Tag",
    "Task",
    "Transcript",
    "User",
    "database_proxy",
    "utcnow",
]
