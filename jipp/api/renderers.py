"""The browsable API, limited to what the JSON shows.

DRF's browsable renderer draws, beside the response, an edit form filled from the stored record
through the write serializer, HTML forms whose selects list every related record, and filter forms
built from querysets that the read path never exposes. Each of those can show a viewer what the JSON
withholds from them (a beneficiary's full name, another hub's draft). This renderer keeps the
response and the raw request box, never filled from a record; the forms are left out. Production
serves JSON only (settings.production), so this is a developer's tool.
"""

from django.core.paginator import Page
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import override_method


class PortalBrowsableAPIRenderer(BrowsableAPIRenderer):
    def get_rendered_html_form(self, data, view, method, request):
        if method in ("DELETE", "OPTIONS"):  # a bare button: it carries no field
            return super().get_rendered_html_form(data, view, method, request)
        return None

    def get_filter_form(self, data, view, request):
        return None

    def get_raw_data_form(self, data, view, method, request):
        serializer = getattr(data, "serializer", None)
        instance = getattr(serializer, "instance", None) if not getattr(serializer, "many", False) else None
        if instance is not None and not isinstance(instance, Page):
            # The box is shown only to those who may make the change, but never filled from the record.
            with override_method(view, request, method) as overridden:
                if not self.show_form_for_method(view, method, overridden, instance):
                    return None
        return super().get_raw_data_form({}, view, method, request)
