from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from dashboard import context as dashboard_context
from dashboard import search
from dashboard import selectors as dashboard
from hubs import selectors
from jipp.cache import PublicCacheMixin


class HomeView(TemplateView):
    """The home page: what JIPP is, then the dashboard (staff: every status; others: published only)."""

    template_name = "hubs/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        figures = dashboard.dashboard_figures(self.request.user)
        ctx.update(dashboard_context.home(figures, full=dashboard.shows_full_dashboard(self.request.user)))
        return ctx


class WorkInProgressView(LoginRequiredMixin, TemplateView):
    """ "Kiriman saya": what the user's hubs have in draft, in review or sent back, and what happens next."""

    template_name = "hubs/work_in_progress.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["items"] = dashboard.work_in_progress(self.request.user)
        ctx["shown"] = dashboard.WORK_SHOWN
        return ctx


class BenchmarkView(TemplateView):
    """Cross-hub benchmarking: one row per hub, sortable by any column (?sort=published, ?sort=-stories)."""

    template_name = "hubs/benchmark.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        sort = self.request.GET.get("sort", "name")
        full = dashboard.shows_full_dashboard(self.request.user)
        ctx["full"] = full
        ctx["rows"] = dashboard.benchmark_rows(self.request.user, sort)
        ctx["columns"] = dashboard_context.benchmark_columns(sort, full=full)
        ctx["sort"] = sort
        return ctx


class HubDetailView(PublicCacheMixin, DetailView):
    """A hub at a glance: key figures, latest innovations and stories, replications out and in, its
    people, designations and sources, each section linking to the filtered list it summarises."""

    template_name = "hubs/hub_detail.html"
    context_object_name = "hub"

    def get_object(self, queryset=None):
        hub = selectors.hub_detail(self.kwargs["slug"])
        if hub is None:
            raise Http404
        return hub

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # A fixed number of queries whatever the number of rows (see HubPage), and none when the
        # page's content comes from the public cache: every part is read lazily, by the fragment only.
        page = dashboard.hub_page(hub=self.object, user=self.request.user)
        ctx["page"] = page
        ctx["figures"] = SimpleLazyObject(lambda: dashboard_context.hub_figures(page))
        ctx["replications"] = SimpleLazyObject(lambda: page.replications)
        return ctx


class SearchView(TemplateView):
    """The global search (/search/?q=...): hubs, innovations, stories and replications, grouped, each
    as the user may see it (dashboard.search). An empty or too long text searches nothing and says why."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()
        ctx["q"] = q
        ctx["max_length"] = search.SEARCH_MAX_LENGTH
        if not q:
            ctx["problem"] = _("Ketik nama hub, judul inovasi, kisah, atau instansi yang dicari.")
        elif len(q) > search.SEARCH_MAX_LENGTH:
            ctx["problem"] = _("Teks pencarian terlalu panjang: paling banyak %(max)d karakter.") % {
                "max": search.SEARCH_MAX_LENGTH
            }
        else:
            groups = search.global_search(self.request, q)
            ctx["groups"] = groups
            ctx["total"] = sum(group.total for group in groups)
        return ctx
