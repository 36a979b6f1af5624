"""The review screens shared by every reviewed record (innovations here, stories above): one form, one
include (templates/includes/review_form.html), one view helper."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from innovations.choices import ReviewStatus
from innovations.filtersets.review import ReviewQueueFilterForm
from innovations.forms import ReviewForm
from innovations.selectors.review import QUEUE_KINDS, review_queue
from innovations.workflow import review_actions_available
from jipp import permissions
from jipp.forms import apply_service_errors


def review_page(request, obj, *, transition, template_name: str, context: dict | None = None):
    """GET: the review form of `obj` with its review history; POST: apply the chosen action.

    `transition(obj, user=, action=, comment=)` is the record's own service (its gates and side
    effects stay there). A refused decision re-renders the form with the error at its field and the
    choice kept; a taken one returns to the record's page.
    """
    if not permissions.can_review(request.user, obj):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, actions=review_actions_available(request.user, obj))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                transition(
                    obj, user=request.user, action=form.cleaned_data["action"], comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Keputusan tinjauan tersimpan."))
                return redirect(obj.get_absolute_url())
        status = 400
    ctx = {"form": form, "review_events": obj.review_events.all(), **(context or {})}
    return render(request, template_name, ctx, status=status)


class ReviewQueueView(ListView):
    """Ministry staff: every record waiting for a decision (innovations, stories, ...), oldest first,
    filtered by kind and hub. The kinds register themselves (innovations.selectors.review)."""

    template_name = "innovations/review_queue.html"
    context_object_name = "rows"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if not permissions.can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.filter_form = ReviewQueueFilterForm(self.request.GET or None)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            # Strict, like the lists: an invalid filter shows its error and no rows, never every row.
            return review_queue(self.request.user, kind=next(iter(QUEUE_KINDS))).none()
        data = self.filter_form.cleaned_data if self.filter_form.is_bound else {}
        return review_queue(self.request.user, kind=data.get("kind") or "", hub=data.get("hub"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for row in ctx["rows"]:
            kind = QUEUE_KINDS[row["kind"]]
            row["kind_label"] = kind.label
            row["review_url"] = kind.url(row["slug"])
            row["status_label"] = ReviewStatus(row["status"]).label
        ctx["filter_form"] = self.filter_form
        ctx["filters_active"] = any(self.request.GET.get(name) for name in self.filter_form.fields)
        return ctx
