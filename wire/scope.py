"""What each subscriber may receive: its languages and sections, and embargoes if entitled."""

from django.db.models import Q, QuerySet

from wire.models import Subscriber, WireItem

Status = WireItem.Status


def visible(items: QuerySet[WireItem], *, entitled: bool) -> QuerySet[WireItem]:
    """Without the embargo entitlement: neither withheld items nor news that a story never
    received was withdrawn."""
    if entitled:
        return items
    return items.filter(Q(pubstatus=Status.USABLE) | Q(pubstatus=Status.CANCELED, was_usable=True))


def receives(subscriber: Subscriber, item: WireItem) -> bool:
    """Whether ``item``, as it is now, is for ``subscriber`` (the same rule, on one item)."""
    if subscriber.languages and item.language not in subscriber.languages:
        return False
    section_ids = section_ids_of(subscriber)
    if section_ids and item.section_id not in section_ids:
        return False
    if subscriber.receives_embargoed:
        return True
    return item.pubstatus == Status.USABLE or (
        item.pubstatus == Status.CANCELED and item.was_usable
    )


def section_ids_of(subscriber: Subscriber) -> list[int]:
    """Its sections' ids, read once per subscriber object (an API request reads them once)."""
    if not hasattr(subscriber, "_section_ids"):
        subscriber._section_ids = [section.pk for section in subscriber.sections.all()]
    return subscriber._section_ids
