"""Tags: created on first use (one per folded name), attached to and removed from customers."""

from __future__ import annotations

from appliance.contract.search_keys import fold
from appliance.core import audit, editing
from appliance.core.actor import Actor
from appliance.core.errors import Conflict, InvalidInput
from appliance.core.indexing import customers_changed
from appliance.core.text import clean
from appliance.db.models import Customer, CustomerTag, Tag


def get_or_create_tag(actor: Actor, name: str) -> Tag:
    """The tag whose folded name equals fold(name), created when missing."""
    shown = clean(name)
    key = fold(shown)
    if not key:
        raise InvalidInput("タグが空です / the tag is empty")
    tag = Tag.get_or_none(Tag.key == key)
    if tag is None:
        tag = editing.create(actor, Tag, name=shown, key=key)
    elif tag.deleted_at is not None:
        tag = editing.restore(actor, Tag, tag.id)
    return tag


def tag_customer(actor: Actor, customer_id: int, name: str) -> Tag:
    """Attach the tag (created if new) to the customer; no-op if already attached."""
    editing.get_row(Customer, customer_id)
    with Tag._meta.database.atomic():
        tag = get_or_create_tag(actor, name)
        link = CustomerTag.get_or_none(
            (CustomerTag.customer == customer_id) & (CustomerTag.tag == tag.id)
        )
        if link is None:
            link = CustomerTag.create(customer=customer_id, tag=tag.id)
            audit.record(
                actor,
                "customer_tag",
                link.id,
                "create",
                None,
                {"customer": customer_id, "tag": tag.id, "name": tag.name},
            )
            customers_changed(customer_id)
    return tag


def untag_customer(actor: Actor, customer_id: int, name: str) -> None:
    """Detach the tag from the customer (tag_customer undoes it)."""
    tag = Tag.get_or_none(Tag.key == fold(clean(name)))
    if tag is None:
        return
    with Tag._meta.database.atomic():
        link = CustomerTag.get_or_none(
            (CustomerTag.customer == customer_id) & (CustomerTag.tag == tag.id)
        )
        if link is not None:
            audit.record(
                actor,
                "customer_tag",
                link.id,
                "delete",
                {"customer": customer_id, "tag": tag.id, "name": tag.name},
                None,
            )
            link.delete_instance()
            customers_changed(customer_id)


def tags_of(customer_id: int) -> list[str]:
    """Names of the customer's live tags, alphabetical."""
    query = (
        Tag.select(Tag.name)
        .join(CustomerTag)
        .where((CustomerTag.customer == customer_id) & Tag.deleted_at.is_null())
        .order_by(Tag.key)
    )
    return [t.name for t in query]


def rename_tag(actor: Actor, tag_id: int, expected_version: int, name: str) -> Tag:
    """Rename a tag everywhere; Conflict when another tag already folds to the new name."""
    shown = clean(name)
    key = fold(shown)
    if not key:
        raise InvalidInput("タグが空です / the tag is empty")
    other = Tag.get_or_none((Tag.key == key) & (Tag.id != tag_id))
    if other is not None:
        raise Conflict(f"同じ名前のタグがあります / a tag named {other.name!r} exists")
    with Tag._meta.database.atomic():
        tag = editing.update(actor, Tag, tag_id, expected_version, {"name": shown, "key": key})
        _reindex_tagged(tag_id)
    return tag


def delete_tag(actor: Actor, tag_id: int, expected_version: int) -> Tag:
    """Soft-delete a tag: it disappears from every customer until restore_tag."""
    with Tag._meta.database.atomic():
        tag = editing.soft_delete(actor, Tag, tag_id, expected_version)
        _reindex_tagged(tag_id)
    return tag


def restore_tag(actor: Actor, tag_id: int) -> Tag:
    """Undo delete_tag."""
    with Tag._meta.database.atomic():
        tag = editing.restore(actor, Tag, tag_id)
        _reindex_tagged(tag_id)
    return tag


def _reindex_tagged(tag_id: int) -> None:
    links = CustomerTag.select(CustomerTag.customer).where(CustomerTag.tag == tag_id)
    ids = [editing.fk_id(link, "customer") or 0 for link in links]
    customers_changed(more=ids)
