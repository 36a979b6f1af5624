"""Pages of the reports app: "Laporan saya", the request form, live status, download and cancel.

Views are thin: the service validates and queues, selectors decide what a user sees, and
hubs.permissions (through the selectors) decides who may download.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from jipp.http import stored_file_response
from jipp.permissions import can_report_on_network
from reports import selectors, services
from reports.choices import ReportKind, ReportStatus
from reports.forms import ReportRequestForm

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def _require_login(request):
    """Redirect to the login page when the portal has one, else refuse (no error page)."""
    if request.user.is_authenticated:
        return None
    try:
        reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        raise PermissionDenied from None
    return redirect_to_login(request.get_full_path())


def login_required(view):
    def wrapped(request, *args, **kwargs):
        return _require_login(request) or view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@method_decorator(login_required, name="dispatch")
class ReportJobListView(ListView):
    """The user's report jobs; unfinished ones poll their status every 2 seconds (htmx)."""

    template_name = "reports/job_list.html"
    context_object_name = "jobs"
    paginate_by = 20

    def get_queryset(self):
        return selectors.report_jobs_of(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_subscribe"] = can_report_on_network(user)
        ctx["subscribed"] = ctx["can_subscribe"] and selectors.is_subscribed(user, ReportKind.NETWORK_RECAP)
        return ctx


@method_decorator(login_required, name="dispatch")
class ReportJobCreateView(FormView):
    """Request a report. The buttons on other pages post here; on success, go to "Laporan saya".

    A GET with ?kind= renders that kind's fields (and ?hub=, ?innovation=, ... prefill them): the
    kind selector is a plain GET form, which htmx turns into a swap of the fields without a reload.
    """

    template_name = "reports/job_form.html"
    form_class = ReportRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {"language": get_language() if get_language() in ("id", "en") else "id"}
        for key in ("kind", "output_format", "hub", "innovation", "programme", "list", "filters"):
            if key in self.request.GET:
                initial[key] = self.request.GET[key]
        return initial

    def form_valid(self, form):
        try:
            job = services.report_job_request(
                user=self.request.user,
                kind=form.cleaned_data["kind"],
                output_format=form.cleaned_data.get("output_format") or "",
                language=form.cleaned_data["language"],
                params=form.report_params(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        job.refresh_from_db()
        if job.status == ReportStatus.QUEUED and job.dispatched_at is None:
            messages.info(self.request, _("Laporan tersimpan dalam antrean dan akan dimulai sebentar lagi."))
        else:
            messages.success(self.request, _("Laporan diminta: %(title)s.") % {"title": job.title})
        return redirect(f"{reverse('reports:job_list')}#job-{job.pk}")


@login_required
def job_status(request, pk: int):
    """One job's row: returned to htmx every 2 seconds until the job is finished."""
    job = selectors.report_job_for(request.user, pk)
    if job is None:
        raise Http404
    return render(request, "reports/_job_row.html", {"job": job})


@login_required
def job_download(request, pk: int):
    """Serve the file to its requester or ministry staff only; rights checked again on every download."""
    job = selectors.report_job_download_for(request.user, pk)
    if job is None:
        raise Http404
    return stored_file_response(
        job.file, stem=job.download_name, content_type=CONTENT_TYPES.get(job.output_format, "application/octet-stream")
    )


@require_POST
@login_required
def job_cancel(request, pk: int):
    job = selectors.report_job_for(request.user, pk)
    if job is None:
        raise Http404
    if services.report_job_cancel(job=job, user=request.user):
        messages.info(request, _("Laporan dibatalkan."))
    return redirect("reports:job_list")


@require_POST
@login_required
def job_retry(request, pk: int):
    """Retry ("Coba lagi"): the same report asked for again; the new row appears at the top of "Laporan saya"."""
    job = selectors.report_job_for(request.user, pk)
    if job is None:
        raise Http404
    try:
        new = services.report_job_retry(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('reports:job_list')}#job-{job.pk}")
    messages.success(request, _("Laporan diminta lagi: %(title)s.") % {"title": new.title})
    return redirect(f"{reverse('reports:job_list')}#job-{new.pk}")


@require_POST
@login_required
def subscription_toggle(request):
    """Staff turn the monthly network recap by e-mail on or off."""
    active = request.POST.get("active") == "1"
    services.report_subscription_set(user=request.user, active=active)
    if active:
        messages.success(request, _("Rekap jaringan bulanan akan dikirim ke email Anda."))
    else:
        messages.info(request, _("Langganan rekap jaringan bulanan dihentikan."))
    return redirect("reports:job_list")
