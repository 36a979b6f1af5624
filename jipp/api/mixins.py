"""Mixins shared by the API's serializers and viewsets.

- `?fields=a,b` chooses the fields of each object (DynamicFieldsMixin on the serializer);
- `?brief=true` gives id, url and a display name only, for pick-lists (BriefModeMixin on the viewset);
- detail responses carry an ETag; `If-None-Match` gives 304 and a stale `If-Match` on a write gives 412
  (ConditionalMixin on the viewset);
- list pages answer anonymous clients from the public cache (PublicListCacheMixin on the viewset).
"""

import hashlib
import json

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.utils import encoders

from jipp import cache
from jipp.api.exceptions import PreconditionFailed

TRUE_VALUES = {"1", "true", "yes", "on"}


class DynamicFieldsMixin:
    """Serializer mixin: on GET, `?fields=id,title` keeps only the named fields (unknown names give 400)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or self.context.get("all_fields") or request.method not in ("GET", "HEAD"):
            return
        raw = request.query_params.get("fields")
        if raw is None:
            return
        wanted = [name.strip() for name in raw.split(",") if name.strip()]
        unknown = sorted(set(wanted) - set(self.fields))
        if unknown or not wanted:
            raise exceptions.ValidationError(
                {
                    "fields": [
                        exceptions.ErrorDetail(
                            _("Kolom tidak dikenal: %(names)s. Kolom yang tersedia: %(available)s.")
                            % {"names": ", ".join(unknown) or "-", "available": ", ".join(self.fields)},
                            code="unknown_field",
                        )
                    ]
                }
            )
        for name in set(self.fields) - set(wanted):
            self.fields.pop(name)


def brief_serializer(model, view_name: str):
    """A serializer with `id`, `url` and `display` (the record's usual name) for `model`."""

    class BriefSerializer(serializers.ModelSerializer):
        id = serializers.ReadOnlyField(source="pk")
        url = serializers.HyperlinkedIdentityField(view_name=view_name)
        display = serializers.CharField(source="__str__", read_only=True)

        class Meta:
            fields = ["id", "url", "display"]

    BriefSerializer.Meta.model = model
    BriefSerializer.__name__ = BriefSerializer.__qualname__ = f"{model.__name__}BriefSerializer"
    return BriefSerializer


class BriefModeMixin:
    """Viewset mixin: `?brief=true` on a read answers with `brief_serializer_class`."""

    brief_serializer_class = None

    def wants_brief(self) -> bool:
        request = getattr(self, "request", None)
        return (
            request is not None
            and request.method in ("GET", "HEAD")
            and self.brief_serializer_class is not None
            and request.query_params.get("brief", "").lower() in TRUE_VALUES
        )

    def get_serializer_class(self):
        if self.wants_brief():
            return self.brief_serializer_class
        return super().get_serializer_class()


def _parse_etags(header: str) -> set[str]:
    tags = set()
    for part in header.split(","):
        part = part.strip()
        if part.startswith("W/"):  # a proxy may weaken our tag; the content is still the same
            part = part[2:]
        if part:
            tags.add(part)
    return tags


class ConditionalMixin:
    """Viewset mixin for ETags.

    The ETag is a hash of the record's full representation as this user sees it (whatever `?fields=`
    or `?brief=` asked for), so any GET of a record gives a tag usable in `If-Match`.
    `representation_serializer_class` (default: `serializer_class`) is what the tag is computed from.
    """

    representation_serializer_class = None

    def representation(self, instance) -> dict:
        cls = self.representation_serializer_class or self.serializer_class
        context = {**self.get_serializer_context(), "all_fields": True}
        return cls(instance, context=context).data

    # Derived from the request, not from the record: a client reading through one host name and writing
    # through another (internal vs public address) must not get a spurious 412.
    etag_ignored_keys = ("url",)

    def etag_for(self, instance) -> str:
        data = {k: v for k, v in self.representation(instance).items() if k not in self.etag_ignored_keys}
        payload = json.dumps(data, sort_keys=True, cls=encoders.JSONEncoder)
        return '"' + hashlib.sha256(payload.encode()).hexdigest()[:40] + '"'

    def check_if_match(self, instance) -> bool:
        """Raise 412 when If-Match names another version; return True when the client sent If-Match."""
        header = self.request.headers.get("If-Match")
        if header is None:
            return False
        if header.strip() == "*":
            return True
        if self.etag_for(instance) not in _parse_etags(header):
            raise PreconditionFailed()
        return True

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = self.etag_for(instance)
        none_match = request.headers.get("If-None-Match")
        if none_match and (none_match.strip() == "*" or etag in _parse_etags(none_match)):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers={"ETag": etag})

    def detail_response(self, instance, status_code=status.HTTP_200_OK) -> Response:
        """The record after a write, with its new ETag."""
        # Re-read through the queryset so that prefetches apply; after a transition the record may have left
        # the user's view (never for the roles that can act, but a 500 would be worse than a stale object).
        instance = self.get_queryset().filter(pk=instance.pk).first() or instance
        cls = self.representation_serializer_class or self.serializer_class
        data = cls(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers={"ETag": self.etag_for(instance)})


class PublicListCacheMixin:
    """Viewset mixin: a JSON list page asked for anonymously is served from the public cache (jipp.cache).

    What is cached is the page as JSON bytes (rows and pagination links), keyed by the address, its query
    parameters, the language and the host and scheme the links are built with; any write of a content
    row makes it stale once it commits. Signed-in clients, and other formats (the browsable API), always get a fresh
    page, since what they see depends on their hubs and roles.
    """

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        key = cached = None
        if renderer.format == "json":
            key, cached = cache.public_get(request, f"api:{self.basename}", request.scheme, request.get_host())
        if cached is not None:
            return HttpResponse(cached, content_type=renderer.media_type)
        response = super().list(request, *args, **kwargs)
        if key and response.status_code == status.HTTP_200_OK:
            # Bytes, not the data: DRF's links hold the model instances they were built from.
            cache.public_put(key, renderer.render(response.data, renderer.media_type, self.get_renderer_context()))
        return response
