"""DRF permission classes. They only adapt hubs.permissions (the one place where rules live) to the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from jipp import permissions
from jipp.models import ApiToken


class ReadOnlyTokenPermission(BasePermission):
    """A read-only token may only read (GET, HEAD, OPTIONS)."""

    message = _("Token ini hanya-baca: gunakan token dengan hak tulis untuk mengubah data.")
    code = "read_only_token"

    def has_permission(self, request, view):
        token = request.auth
        return not (isinstance(token, ApiToken) and token.read_only and request.method not in SAFE_METHODS)


class IsMinistryStaff(BasePermission):
    message = _("Hanya staf Kementerian yang dapat mengakses data ini.")
    code = "staff_only"

    def has_permission(self, request, view):
        return permissions.is_ministry_staff(request.user)


class CanEditRecord(BasePermission):
    """Object level: changing an innovation or a story takes `jipp.permissions.can_edit`, deleting it
    `jipp.permissions.can_delete`.

    Checked by `get_object()`, so the browsable API's forms and the `Allow` the renderer shows follow
    the same rule as the write itself.
    """

    message = _("Anda tidak dapat mengubah data ini.")

    def has_object_permission(self, request, view, obj):
        action = getattr(view, "action", None)
        if action == "destroy":
            return permissions.can_delete(request.user, obj)
        if action not in ("update", "partial_update"):
            return True
        return permissions.can_edit(request.user, obj)


class CanChangeReplication(BasePermission):
    """Object level: changing a replication takes the right to record one for its facilitating hub."""

    message = _("Anda tidak dapat mengubah replikasi ini.")

    def has_object_permission(self, request, view, obj):
        if getattr(view, "action", None) not in ("update", "partial_update", "destroy"):
            return True
        return permissions.can_record_replication(request.user, obj.facilitating_hub_id)


def with_defaults(*extra) -> list:
    """The project's default permission classes (settings.REST_FRAMEWORK) followed by `extra`.

    A view that sets `permission_classes` replaces the defaults, read-only tokens included; views
    that need more build their list with this, and a test holds every API view to it.
    """
    from rest_framework.settings import api_settings

    return [*api_settings.DEFAULT_PERMISSION_CLASSES, *extra]
