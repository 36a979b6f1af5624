"""DRF permission classes. They only adapt hubs.permissions (the one place where rules live) to the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from hubs import permissions
from hubs.models import ApiToken


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
