"""The review queue: every reviewed record waiting for a decision, whatever its kind.

Each kind of reviewed record registers itself (innovations here, stories in their AppConfig.ready(),
since this app may not import the apps above it); the queue reads them all in one query.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from innovations.workflow import AWAITING_REVIEW


@dataclass(frozen=True)
class QueueKind:
    """A kind of reviewed record in the queue: its model (a Reviewable with a hub, a slug and a title),
    its name in a filter and a row, and the URL name of its review page (taking the slug)."""

    name: str
    label: str
    model: type[models.Model]
    review_url: str

    def url(self, slug: str) -> str:
        return reverse(self.review_url, args=[slug])


QUEUE_KINDS: dict[str, QueueKind] = {}


def register_queue_kind(kind: QueueKind) -> None:
    QUEUE_KINDS[kind.name] = kind


_ROW = ("kind", "pk", "slug", "title", "status", "hub_id", "hub_name", "hub_acronym", "waiting_since")


def review_queue(user, *, kind: str = "", hub=None) -> QuerySet:
    """Rows (dicts with the keys of _ROW) of the records `user` may review that wait for a decision,
    oldest first, optionally of one kind and one hub; empty for anyone who may not review.

    `waiting_since` is the (latest) submission; a record put in the queue without one (by an
    import) waits since its creation. One query for the rows, one for their count, whatever the kinds.
    """
    parts = []
    for queue_kind in QUEUE_KINDS.values():
        if kind and queue_kind.name != kind:
            continue
        qs = queue_kind.model.objects.restrict(user, "review").filter(status__in=sorted(AWAITING_REVIEW))
        if hub is not None:
            qs = qs.filter(hub=hub)
        parts.append(
            qs.annotate(
                kind=Value(queue_kind.name, output_field=models.CharField()),
                hub_name=F("hub__name"),
                hub_acronym=F("hub__acronym"),
                waiting_since=Coalesce("submitted_at", "created_at"),
            )
            .values(*_ROW)
            .order_by()
        )
    if not parts:
        return next(iter(QUEUE_KINDS.values())).model.objects.none().values(*_ROW)
    queue = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return queue.order_by("waiting_since", "kind", "pk")
