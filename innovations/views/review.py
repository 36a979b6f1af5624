"""The review screens shared by every reviewed record (innovations here, stories above): one form, one
include (templates/includes/review_form.html), one view helper."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innovations.forms import ReviewForm
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
