"""The security audit log for ministry staff: newest first, filterable by kind, user and address."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import ListView

from jipp import permissions
from jipp.choices import SecurityEventKind
from jipp.models import SecurityEvent


class SecurityEventListView(LoginRequiredMixin, ListView):
    template_name = "hubs/security_event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_view_security_events(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = SecurityEvent.objects.select_related("user")
        kind = self.request.GET.get("kind", "")
        if kind in SecurityEventKind.values:
            qs = qs.filter(kind=kind)
        username = self.request.GET.get("user", "").strip()[:150].replace("\x00", "")
        if username:
            qs = qs.filter(user__username__iexact=username)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = SecurityEventKind.choices
        ctx["current_kind"] = self.request.GET.get("kind", "")
        ctx["current_user"] = self.request.GET.get("user", "")
        return ctx
