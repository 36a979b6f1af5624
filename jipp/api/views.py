"""Views of the API infrastructure itself."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any URL under /api/v1/ that names no resource: a 404 in the API's error shape, not an HTML page.

    Note that every API path ends with a slash: `/api/v1/hubs/`, not `/api/v1/hubs`.
    """
    body = {"error": {"code": "not_found", "message": _("Alamat API ini tidak ada."), "fields": {}}}
    return JsonResponse(body, status=404)
