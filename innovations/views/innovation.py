"""Pages of innovations and replications. Thin: selectors read, services write, permissions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from innovations.filtersets.innovation import InnovationFilterSet, ReplicationFilterSet
from innovations.forms import AttachmentForm, InnovationForm, ReplicationForm, award_formset
from innovations.models import ASPECT_FIELDS, Attachment, Innovation, Replication, ReplicationEvidence
from innovations.selectors import innovation as selectors
from innovations.services import innovation as services
from innovations.views.review import review_page
from innovations.workflow import REVIEW_ACTIONS, actions_available
from jipp import form_tokens, permissions
from jipp.cache import CachedCountPaginator, PublicCacheMixin
from jipp.exceptions import VersionConflict
from jipp.forms import apply_service_errors
from jipp.http import stored_file_response
from jipp.validation import as_record_id

LIST_PAGE_SIZE = 20

# Callables (innovation, user) -> extra context for the innovation's page, registered by the apps
# above this one in their AppConfig.ready() (the stories app adds the innovation's indicators).
DETAIL_EXTENSIONS: list = []


class InnovationListView(PublicCacheMixin, FilterView):
    """Everything the user may see, filtered and searched; the page links keep the filters."""

    filterset_class = InnovationFilterSet
    template_name = "innovations/innovation_list.html"
    context_object_name = "innovations"
    paginate_by = LIST_PAGE_SIZE
    paginator_class = CachedCountPaginator  # no count of the whole filtered table per request

    def get_queryset(self):
        # A row shows the title, institution, hub, category, stage and status: not the eight aspects.
        return (
            selectors.innovations_visible_to(self.request.user)
            .select_related(None)
            .select_related("institution", "hub", "category")
            .defer(*ASPECT_FIELDS)
        )

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        # The institution menu lists the chosen hub's network (and the chosen institution), not every
        # institution of the country: thousands of options made this the slowest part of the page.
        form, data = filterset.form, filterset.data or {}
        hub, chosen = as_record_id(data.get("hub")), as_record_id(data.get("institution"))
        narrowed = Q(pk__in=[])
        if hub:
            narrowed |= Q(pk=hub) | Q(coaching_hub=hub)
        if chosen:
            narrowed |= Q(pk=chosen)
        field = form.fields["institution"]
        field.queryset = field.queryset.filter(narrowed)
        field.help_text = _("Pilih hub terlebih dahulu untuk melihat instansi di jaringannya.")
        return filterset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_create"] = permissions.can_create(user)
        ctx["can_review"] = permissions.can_review(user)
        # Keep the filter panel open when a filter other than the search box is in use.
        ctx["filters_active"] = any(v for k, v in self.request.GET.items() if k not in ("q", "page"))
        return ctx


def _visible_or_404(request, slug) -> Innovation:
    innovation = selectors.innovation_for_detail(slug=slug, user=request.user)
    if innovation is None:
        raise Http404
    return innovation


def _aspects(innovation) -> list[tuple]:
    return [(Innovation._meta.get_field(f).verbose_name, getattr(innovation, f)) for f in services.ASPECT_FIELDS]


def innovation_detail(request, slug):
    """Every aspect, SDGs, attachments, awards, replications; review history for staff and members."""
    innovation = _visible_or_404(request, slug)
    user = request.user
    for replication in innovation.replications.all():
        replication.can_edit = permissions.can_edit_replication(user, replication)
    # The buttons follow the workflow's table: who may act, and from which status.
    available = {action.name for action in actions_available(user, innovation)}
    ctx = {
        "innovation": innovation,
        "can_edit": permissions.can_edit(user, innovation),
        "can_delete": permissions.can_delete(user, innovation),
        "can_submit": "submit" in available,
        "can_review": bool(available & REVIEW_ACTIONS),
        "can_see_review_history": permissions.can_view_review_history(user, innovation),
        "can_see_change_history": permissions.can_view_change_history(user, innovation),
        "can_record_replication": innovation.is_published and permissions.can_manage_some_hub(user),
        "attachment_form": AttachmentForm() if permissions.can_edit(user, innovation) else None,
        "aspects": _aspects(innovation),
    }
    for extend in DETAIL_EXTENSIONS:
        ctx.update(extend(innovation, user))
    return render(request, "innovations/innovation_detail.html", ctx)


# The new-innovation form's one-time tokens (jipp.form_tokens): a re-sent POST makes no second draft.
CREATE_SCOPE = "innovation_create"
# The edit page's query flag after a failed "save and submit": the page re-runs the submission gates.
SUBMIT_FLAG = "ajukan"


def _render_form(request, form, awards, innovation=None, status=200, form_token=None):
    return render(
        request,
        "innovations/innovation_form.html",
        {
            "form": form,
            "awards": awards,
            "innovation": innovation,
            "form_token": form_token,
            "form_token_field": form_tokens.FIELD_NAME,
            "submit_required": services.SUBMIT_REQUIRED_FIELDS,
            "can_submit": _may_submit(request.user, innovation),
        },
        status=status,
    )


# attachment_add's keys, as the innovation form names them.
ATTACHMENT_ERRORS = {"file": "attachments", "aspect": "attachment_aspect"}


def _attach(request, form, innovation) -> None:
    """Store the files chosen on the form through the attachment service (its checks, its rights)."""
    for item in form.new_attachments():
        services.attachment_add(innovation=innovation, user=request.user, file=item["file"], aspect=item["aspect"])


def _may_submit(user, innovation) -> bool:
    if innovation is None:
        return permissions.can_submit_for_some_hub(user)
    return permissions.can_submit(user, innovation)


def _show_problems(form, problems: dict) -> None:
    """Put the services' findings on the form, except where the form already says something."""
    fresh = {
        key: messages_
        for key, messages_ in problems.items()
        if not (form.sdg_errors if key == "sdgs" else form.errors.get(key))
    }
    if fresh:
        apply_service_errors(form, ValidationError(fresh), extra={"sdgs": form.sdg_errors})


def _refused(request, form, awards, innovation=None, form_token=None):
    """The form again with every blocker at once: its own errors, the rules of every save and, when
    the user asked to submit, the submission gates, each at its field."""
    submitting = "save_submit" in request.POST and _may_submit(request.user, innovation)
    data = form.service_data() if hasattr(form, "cleaned_data") else {}
    _show_problems(form, services.innovation_problems(data=data, innovation=innovation, submitting=submitting))
    return _render_form(request, form, awards, innovation, status=400, form_token=form_token)


def _save_and_maybe_submit(request, innovation):
    """After a successful save: submit when asked. When the gates refuse, go to the draft's own edit
    page (post/redirect/get), which shows them: a reload there cannot create the draft again."""
    if "save_submit" not in request.POST:
        messages.success(request, _("Draf tersimpan."))
        return redirect(innovation.get_absolute_url())
    try:
        services.innovation_submit(innovation=innovation, user=request.user)
    except ValidationError:
        messages.warning(request, _("Draf tersimpan, tetapi belum dapat diajukan. Perbaiki isian yang ditandai."))
        return redirect(f"{reverse('innovations:innovation_edit', args=[innovation.slug])}?{SUBMIT_FLAG}=1")
    messages.success(request, _("Inovasi diajukan untuk ditinjau."))
    return redirect(innovation.get_absolute_url())


def _already_sent(request, claim):
    """A new-innovation form sent again: to the draft it made, never a second one."""
    if claim.done_pk is not None:
        innovation = selectors.innovations_visible_to(request.user).filter(pk=claim.done_pk).first()
        if innovation is not None:
            messages.info(request, _("Formulir ini sudah terkirim sebelumnya; inilah draf yang tersimpan."))
            return redirect(innovation.get_absolute_url())
    messages.info(request, _("Formulir ini sedang diproses. Periksa daftar inovasi sebentar lagi."))
    return redirect("innovations:innovation_list")


def _form_with_stored_values(innovation, user) -> InnovationForm:
    """A bound form holding the stored values, so that errors can be shown next to them."""
    form = InnovationForm(instance=innovation, user=user)
    form_data = {name: form[name].value() for name in form.fields}
    bound = InnovationForm(
        {k: v for k, v in form_data.items() if v not in (None, False)},
        instance=innovation,
        user=user,
    )
    bound.is_valid()
    return bound


@login_required
def innovation_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = InnovationForm(user=request.user)
        return _render_form(request, form, award_formset(), form_token=form_tokens.issue())
    claim = form_tokens.claim(request, CREATE_SCOPE)
    if not claim.fresh:
        return _already_sent(request, claim)
    form = InnovationForm(request.POST, request.FILES, user=request.user)
    awards = award_formset(request.POST)
    innovation = None
    if form.is_valid() and awards.is_valid():
        data = {**form.service_data(), "awards": awards.awards()}
        try:
            with transaction.atomic():  # a refused attachment leaves no draft behind
                innovation = services.innovation_create(user=request.user, data=data)
                _attach(request, form, innovation)
        except ValidationError as exc:
            innovation = None
            apply_service_errors(form, exc, field_map=ATTACHMENT_ERRORS, extra={"sdgs": form.sdg_errors, "awards": []})
    if innovation is None:
        form_tokens.release(request, CREATE_SCOPE, claim)
        return _refused(request, form, awards, form_token=claim.token or form_tokens.issue())
    form_tokens.complete(request, CREATE_SCOPE, claim, innovation.pk)
    return _save_and_maybe_submit(request, innovation)


@login_required
def innovation_edit(request, slug):
    innovation = _visible_or_404(request, slug)
    if not permissions.can_edit(request.user, innovation):
        raise PermissionDenied
    if request.method == "POST":
        form = InnovationForm(request.POST, request.FILES, instance=innovation, user=request.user)
        awards = award_formset(request.POST)
        if form.is_valid() and awards.is_valid():
            data = {**form.service_data(), "awards": awards.awards()}
            try:
                with transaction.atomic():
                    updated = services.innovation_update(
                        innovation=innovation,
                        user=request.user,
                        data=data,
                        expected_version=form.cleaned_data.get("version"),
                    )
                    _attach(request, form, updated)
            except VersionConflict:
                form.add_error(
                    None,
                    _("Inovasi ini telah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi."),
                )
            except ValidationError as exc:
                apply_service_errors(
                    form, exc, field_map=ATTACHMENT_ERRORS, extra={"sdgs": form.sdg_errors, "awards": []}
                )
            else:
                return _save_and_maybe_submit(request, updated)
        return _refused(request, form, awards, innovation)
    if request.GET.get(SUBMIT_FLAG) and _may_submit(request.user, innovation):
        # Back from a refused submission: the gates are run again on what is stored, so the page
        # stays right after a reload or once someone else has fixed a field.
        form = _form_with_stored_values(innovation, request.user)
        _show_problems(form, services.innovation_problems(data={}, innovation=innovation, submitting=True))
    else:
        form = InnovationForm(instance=innovation, user=request.user)
    return _render_form(request, form, award_formset(innovation=innovation), innovation)


@login_required
def innovation_delete(request, slug):
    """GET: a confirmation page; POST: delete the draft (the members of its hub, before any review)."""
    innovation = _visible_or_404(request, slug)
    if not permissions.can_delete(request.user, innovation):
        raise PermissionDenied
    if request.method == "POST":
        services.innovation_delete(innovation=innovation, user=request.user)
        messages.success(request, _("Draf “%(title)s” telah dihapus.") % {"title": innovation.title})
        return redirect("innovations:innovation_list")
    return render(request, "innovations/draft_delete_confirm.html", {"record": innovation})


@login_required
@require_POST
def innovation_submit(request, slug):
    innovation = _visible_or_404(request, slug)
    try:
        services.innovation_submit(innovation=innovation, user=request.user)
    except ValidationError as exc:
        # Send the admin to the form, where each failed gate shows next to its field.
        bound = _form_with_stored_values(innovation, request.user)
        apply_service_errors(bound, exc, extra={"sdgs": bound.sdg_errors})
        messages.warning(request, _("Belum dapat diajukan. Perbaiki isian yang ditandai."))
        return _render_form(request, bound, award_formset(innovation=innovation), innovation, status=400)
    messages.success(request, _("Inovasi diajukan untuk ditinjau."))
    return redirect(innovation.get_absolute_url())


@login_required
def innovation_review(request, slug):
    """The review screen: the shared review form beside the proposal's content."""
    innovation = _visible_or_404(request, slug)
    return review_page(
        request,
        innovation,
        transition=lambda obj, **kwargs: services.innovation_transition(innovation=obj, **kwargs),
        template_name="innovations/innovation_review.html",
        context={"innovation": innovation, "aspects": _aspects(innovation)},
    )


@login_required
@require_POST
def attachment_upload(request, slug):
    innovation = _visible_or_404(request, slug)
    if not permissions.can_edit(request.user, innovation):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                innovation=innovation,
                user=request.user,
                file=form.cleaned_data["file"],
                aspect=form.cleaned_data["aspect"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Lampiran tersimpan."))
            return redirect(innovation.get_absolute_url() + "#lampiran")
    return render(request, "innovations/attachment_form.html", {"innovation": innovation, "form": form}, status=400)


def attachment_download(request, pk):
    """Serve an attachment only to those who may see its innovation (drafts stay private)."""
    attachment = get_object_or_404(Attachment.objects.select_related("innovation"), pk=pk)
    if not permissions.can_view(request.user, attachment.innovation):
        raise Http404
    return stored_file_response(attachment.file, stem=attachment.original_name, content_type=attachment.content_type)


def replication_evidence_download(request, pk):
    """Serve a replication's evidence to those who may see the replication."""
    evidence = get_object_or_404(ReplicationEvidence.objects.select_related("replication"), pk=pk)
    if not selectors.replications_visible_to(request.user).filter(pk=evidence.replication_id).exists():
        raise Http404
    return stored_file_response(evidence.file, stem=evidence.original_name, content_type=evidence.content_type)


def innovation_history(request, slug):
    """Staff: every recorded version of the innovation, with who changed which fields."""
    innovation = _visible_or_404(request, slug)
    if not permissions.can_view_change_history(request.user, innovation):
        raise PermissionDenied
    records = list(innovation.history.select_related("history_user").order_by("history_date", "history_id"))
    rows = []
    previous = None
    for record in records:
        changes = record.diff_against(previous).changes if previous is not None else []
        rows.append({"record": record, "changes": changes})
        previous = record
    rows.reverse()
    return render(request, "innovations/innovation_history.html", {"innovation": innovation, "rows": rows})


# --- replications --------------------------------------------------------------------------


class ReplicationListView(PublicCacheMixin, FilterView):
    filterset_class = ReplicationFilterSet
    template_name = "innovations/replication_list.html"
    context_object_name = "replications"
    paginate_by = 50
    paginator_class = CachedCountPaginator

    def get_queryset(self):
        return selectors.replications_visible_to(self.request.user)


@method_decorator(login_required, name="dispatch")
class ReplicationCreateView(View):
    """A hub admin (or staff) records that an institution replicates this published innovation."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_manage_some_hub(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        innovation = _visible_or_404(request, slug)
        form = ReplicationForm(user=request.user)
        return self._render(request, innovation, form)

    def post(self, request, slug):
        innovation = _visible_or_404(request, slug)
        form = ReplicationForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                # One transaction: a refused evidence file leaves no half-recorded replication.
                with transaction.atomic():
                    replication = services.replication_create(
                        user=request.user, data={**form.service_data(), "innovation": innovation}
                    )
                    if form.evidence_file():
                        services.replication_evidence_add(
                            replication=replication, user=request.user, file=form.evidence_file()
                        )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Replikasi tercatat."))
                return redirect(innovation.get_absolute_url() + "#replikasi")
        return self._render(request, innovation, form, status=400)

    def _render(self, request, innovation, form, status=200):
        return render(
            request,
            "innovations/replication_form.html",
            {"innovation": innovation, "form": form},
            status=status,
        )


@login_required
def replication_edit(request, pk):
    replication = get_object_or_404(selectors.replications_visible_to(request.user), pk=pk)
    if not permissions.can_edit_replication(request.user, replication):
        raise PermissionDenied
    innovation = replication.innovation
    if request.method == "POST":
        form = ReplicationForm(request.POST, request.FILES, instance=replication, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.replication_update(
                        replication=replication,
                        user=request.user,
                        data=form.service_data(),
                        expected_version=form.cleaned_data.get("version"),
                    )
                    if form.evidence_file():
                        services.replication_evidence_add(
                            replication=replication, user=request.user, file=form.evidence_file()
                        )
            except VersionConflict:
                form.add_error(None, _("Replikasi ini telah diubah orang lain. Muat ulang halaman lalu ulangi."))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Replikasi diperbarui."))
                return redirect(innovation.get_absolute_url() + "#replikasi")
        status = 400
    else:
        form = ReplicationForm(instance=replication, user=request.user)
        status = 200
    return render(
        request,
        "innovations/replication_form.html",
        {"innovation": innovation, "form": form, "replication": replication},
        status=status,
    )


def replication_history(request, pk):
    replication = get_object_or_404(Replication, pk=pk)
    if not permissions.can_view_change_history(request.user, replication):
        raise PermissionDenied
    records = list(replication.history.select_related("history_user").order_by("history_date", "history_id"))
    rows, previous = [], None
    for record in records:
        rows.append({"record": record, "changes": record.diff_against(previous).changes if previous else []})
        previous = record
    rows.reverse()
    return render(
        request,
        "innovations/innovation_history.html",
        {"innovation": replication.innovation, "replication": replication, "rows": rows},
    )
