"""Pages of programmes (TPBIS) and impact stories. Thin: selectors read, services write, privacy decides."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from innovations.views.review import review_page
from innovations.workflow import REVIEW_ACTIONS, actions_available
from jipp import permissions
from jipp.cache import CachedCountPaginator, PublicCacheMixin
from jipp.exceptions import VersionConflict
from jipp.forms import apply_service_errors
from jipp.http import stored_file_response
from jipp.i18n import localized
from stories import held_photos, selectors, services
from stories.filtersets import ImpactStoryFilterSet
from stories.forms import ImpactStoryForm
from stories.models import StoryPhoto
from stories.privacy import stories_public, story_public
from stories.units import unit_label


class ProgrammeStoryFilterSet(ImpactStoryFilterSet):
    """On a programme's page the programme is fixed and the hub is the programme's."""

    hub = None
    programme = None
    status = None  # the programme's page lists published stories only
    import_job = None

    class Meta(ImpactStoryFilterSet.Meta):
        fields = ["q", "province", "library_level", "activity_type", "year"]


def _as_public(stories, user):
    """The stories as this user may see them (innovations.privacy), read only when the template reads
    them (a cached fragment never does)."""
    return SimpleLazyObject(lambda: stories_public(stories, user))


def innovation_page_indicators(innovation, user) -> dict:
    """An innovation's impact indicators, charted like a programme's (one include renders both)."""
    return {"indicator_panels": indicator_panels(selectors.innovation_indicators(innovation))}


@dataclass
class IndicatorPanel:
    """An indicator on a page: its latest value (a row of the summary table) and, when it was measured
    more than once, a chart of its measurements with the table of the same numbers."""

    indicator: object
    measurements: list
    data_id: str
    data: dict | None  # chart data; None for a single measurement (a figure, not a chart)

    @property
    def latest(self):
        return self.measurements[-1] if self.measurements else None


def indicator_panels(indicators) -> list[IndicatorPanel]:
    """The panels of templates/stories/_indicators.html (a programme's page, an innovation's page)."""
    panels = []
    for ind in indicators:
        points = list(ind.measurements.all())
        data = _chart_data(ind, points) if len(points) > 1 else None
        panels.append(IndicatorPanel(ind, points, f"indicator-{ind.pk}-data", data))
    return panels


HBAR_MAX_POINTS = 6


def _chart_data(indicator, points) -> dict:
    # Labels are dates as the page writes them (in its language); values are plain numbers that
    # static/js/charts.js formats with the page's language.
    return {
        # A few dates read best as labelled bars; a long series as columns over time.
        "kind": "hbar" if len(points) <= HBAR_MAX_POINTS else "bar",
        "label": localized(indicator),
        "unit": unit_label(indicator.unit),
        "labels": [date_format(m.measured_on, "j M Y") for m in points],
        "values": [float(m.value) for m in points],
    }


class _StoryFilterView(PublicCacheMixin, FilterView):
    """A filtered list of stories, as the innovation list is one of innovations (django-filter's
    FilterView): the page shows the rows, the totals of every filtered row, and each row as this user
    may see it (stories.privacy)."""

    context_object_name = "stories"
    paginator_class = CachedCountPaginator  # no count of 200,000 stories per request

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["stories"] = _as_public(ctx["stories"], self.request.user)
        filtered = self.object_list
        # Read only by the content fragment: lazy, so that a cached page runs none of their queries.
        ctx["totals"] = SimpleLazyObject(lambda: selectors.story_totals(filtered))
        return ctx


class ProgrammeDetailView(_StoryFilterView):
    """A programme in short, its indicators with charts and sources, and its published stories with totals."""

    filterset_class = ProgrammeStoryFilterSet
    template_name = "stories/programme_detail.html"
    # A few stories, then pages: on a phone each story is a screenful (the full list is /stories/).
    paginate_by = 6

    def dispatch(self, request, *args, **kwargs):
        self.programme = selectors.programme_for_page(kwargs["slug"])
        if self.programme is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.published_stories(self.programme).order_by("-story_date", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["programme"] = self.programme
        ctx["indicator_panels"] = SimpleLazyObject(
            lambda: indicator_panels(list(selectors.programme_indicators(self.programme)))
        )
        return ctx


class StoryListView(_StoryFilterView):
    """Every story the user may see (published; plus their hubs' drafts; everything for staff)."""

    filterset_class = ImpactStoryFilterSet
    template_name = "stories/story_list.html"
    paginate_by = 20

    def get_queryset(self):
        return selectors.stories_visible_to(self.request.user).order_by("-story_date", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = permissions.can_create(self.request.user)
        return ctx


def _story_or_404(slug, user):
    story = selectors.story_for_detail(slug=slug, user=user)
    if story is None:
        raise Http404
    return story


class StoryDetailView(View):
    def get(self, request, slug):
        story = _story_or_404(slug, request.user)
        user = request.user
        # The buttons follow the workflow's table: who may act, and from which status.
        available = {action.name for action in actions_available(user, story)}
        # The template is given the story only as this user may see it: it decides nothing itself.
        ctx = {
            "story": story_public(story=story, user=user),
            "can_submit": "submit" in available,
            "can_review": bool(available & REVIEW_ACTIONS),
            "can_edit": permissions.can_edit(user, story),
            "can_delete": permissions.can_delete(user, story),
            "can_erase": story.erased_at is None and permissions.can_erase_personal_data(user, story),
        }
        return render(request, "stories/story_detail.html", ctx)


class StoryPhotoView(View):
    """Serve a photo only to those who may see it: media URLs are never linked for story photos."""

    def get(self, request, slug, pk):
        story = story_public(story=_story_or_404(slug, request.user), user=request.user)
        if not story.photos_visible:
            raise Http404
        photo = get_object_or_404(StoryPhoto, pk=pk, story_id=story.pk)
        # The uploader's file name may hold the beneficiary's name: the download is named after the story.
        return stored_file_response(
            photo.image,
            stem=f"foto-{story.slug}-{photo.pk}",
            content_type=photo.content_type,
            inline=True,
            cache_control=story.photo_cache_control,
        )


class ConsentDocumentView(LoginRequiredMixin, View):
    """The signed consent: personal data, for the hub's members and staff only."""

    def get(self, request, slug):
        story = _story_or_404(slug, request.user)
        if not story_public(story=story, user=request.user).has_consent_document:
            raise Http404
        return stored_file_response(story.consent_document, stem=f"persetujuan-{story.slug}")


class _StoryFormMixin(LoginRequiredMixin):
    template_name = "stories/story_form.html"

    def _chosen_photo(self, form):
        """The photo of this submit: a newly chosen file, else the one held from a refused submit."""
        if "photo" not in form.fields:
            return None
        if form.cleaned_data.get("photo"):
            return form.cleaned_data["photo"]
        held = held_photos.read(self.request.POST.get(held_photos.FIELD_NAME, ""), user=self.request.user)
        return held_photos.as_upload(held) if held else None

    def _save_photo(self, form, story):
        photo = self._chosen_photo(form)
        if photo:
            services.story_photo_add(
                story=story, user=self.request.user, file=photo, caption=form.cleaned_data.get("photo_caption", "")
            )
        held = held_photos.read(self.request.POST.get(held_photos.FIELD_NAME, ""), user=self.request.user)
        if held:
            transaction.on_commit(lambda: held_photos.discard(held))

    def _hold_photo(self, form) -> dict | None:
        """After a refused submit: keep the chosen photo (checked, without EXIF) for the next one."""
        held = held_photos.read(self.request.POST.get(held_photos.FIELD_NAME, ""), user=self.request.user)
        chosen = getattr(form, "cleaned_data", {}).get("photo")
        if not chosen or form.errors.get("photo"):
            return held
        try:
            checked = services.story_photo_check(chosen)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return held
        held_photos.discard(held)  # the new choice replaces the one held before
        return held_photos.read(held_photos.hold(checked, user=self.request.user), user=self.request.user)

    def _render(self, form, story=None, status=200):
        photos = list(story.photos.all()) if story is not None else []
        held = self._hold_photo(form) if form.is_bound and "photo" in form.fields else None
        ctx = {"form": form, "story": story, "photos": photos, "held_photo": held, "held_field": held_photos.FIELD_NAME}
        return render(self.request, self.template_name, ctx, status=status)


class StoryCreateView(_StoryFormMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {}
        programme = selectors.programme_for_page(request.GET.get("programme", "tpbis"))
        if programme is not None:
            initial["programme"] = programme
            if permissions.can_create_for_hub(request.user, programme.hub_id):
                initial["hub"] = programme.hub
        return self._render(ImpactStoryForm(user=request.user, initial=initial))

    def post(self, request):
        form = ImpactStoryForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    story = services.story_create(user=request.user, data=form.service_data())
                    self._save_photo(form, story)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Kisah disimpan sebagai draf."))
                return redirect(story)
        return self._render(form, status=400)


class StoryEditView(_StoryFormMixin, View):
    def _story(self, slug):
        story = _story_or_404(slug, self.request.user)
        if not permissions.can_edit(self.request.user, story):
            raise PermissionDenied
        return story

    def get(self, request, slug):
        story = self._story(slug)
        return self._render(ImpactStoryForm(instance=story, user=request.user), story)

    def post(self, request, slug):
        story = self._story(slug)
        form = ImpactStoryForm(request.POST, request.FILES, instance=story, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    story = services.story_update(
                        story=story,
                        user=request.user,
                        data=form.service_data(),
                        expected_version=form.cleaned_data.get("version"),
                    )
                    self._save_photo(form, story)
            except VersionConflict:
                form.add_error(
                    None,
                    _("Kisah ini telah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi."),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect(story)
        return self._render(form, story, status=400)


class StoryPhotoDeleteView(LoginRequiredMixin, View):
    """POST: remove one photo of a story (the hub's members, while they may edit it)."""

    def post(self, request, slug, pk):
        story = _story_or_404(slug, request.user)
        photo = get_object_or_404(StoryPhoto, pk=pk, story=story)
        services.story_photo_delete(photo=photo, user=request.user)
        messages.success(request, _("Foto dihapus."))
        return redirect("stories:story_edit", slug=story.slug)


class StorySubmitView(LoginRequiredMixin, View):
    """POST: send a story for review (the hub's admins); the reviewer decides on StoryReviewView."""

    def post(self, request, slug):
        story = _story_or_404(slug, request.user)
        try:
            services.story_submit(story=story, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kisah diajukan untuk ditinjau."))
        return redirect(story)


class StoryDeleteView(LoginRequiredMixin, View):
    """GET: a confirmation page; POST: delete the draft (the members of its hub, before any review)."""

    def _story(self, slug):
        story = _story_or_404(slug, self.request.user)
        if not permissions.can_delete(self.request.user, story):
            raise PermissionDenied
        return story

    def get(self, request, slug):
        return render(request, "innovations/draft_delete_confirm.html", {"record": self._story(slug)})

    def post(self, request, slug):
        story = self._story(slug)
        services.story_delete(story=story, user=request.user)
        messages.success(request, _("Draf “%(title)s” telah dihapus.") % {"title": story.title})
        return redirect("stories:story_list")


class StoryReviewView(LoginRequiredMixin, View):
    """The review screen of a story: the review form shared with innovations, beside the story."""

    def get(self, request, slug):
        story = _story_or_404(slug, request.user)
        return review_page(
            request,
            story,
            transition=lambda obj, **kw: services.story_transition(story=obj, **kw),
            template_name="stories/story_review.html",
            context={"story": story_public(story=story, user=request.user)},
        )

    post = get


class StoryEraseView(LoginRequiredMixin, View):
    """GET: a confirmation page; POST: erase the beneficiary's personal data (staff or hub admin)."""

    def _story(self, slug):
        story = _story_or_404(slug, self.request.user)
        if not permissions.can_erase_personal_data(self.request.user, story):
            raise PermissionDenied
        return story

    def get(self, request, slug):
        story = self._story(slug)
        return render(request, "stories/story_erase_confirm.html", {"story": story})

    def post(self, request, slug):
        story = self._story(slug)
        services.story_erase_personal_data(story=story, user=request.user)
        messages.success(request, _("Data pribadi penerima manfaat telah dihapus. Angka kisah tetap dihitung."))
        return redirect(story)
