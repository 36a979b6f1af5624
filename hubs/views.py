"""Pages of the hubs app: the home page, the hub list and a hub's detail."""

from django.http import Http404
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from . import selectors
from .choices import InstitutionKind
from .filtersets import HubFilterSet


class HomeView(TemplateView):
    template_name = "hubs/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cohorts = list(selectors.cohorts_with_counts())
        labels = dict(InstitutionKind.choices)
        ctx["cohorts"] = cohorts
        ctx["hub_total"] = sum(c.recorded for c in cohorts)
        ctx["announced_total"] = sum(c.announced_count or 0 for c in cohorts)
        ctx["by_kind"] = [(labels[row["kind"]], row["n"]) for row in selectors.hub_counts_by_kind()]
        return ctx


class HubListView(FilterView):
    filterset_class = HubFilterSet
    template_name = "hubs/hub_list.html"
    context_object_name = "hubs"
    paginate_by = 60

    def get_queryset(self):
        return selectors.hubs_list().order_by("name")


class HubDetailView(DetailView):
    template_name = "hubs/hub_detail.html"
    context_object_name = "hub"

    def get_object(self, queryset=None):
        hub = selectors.hub_detail(self.kwargs["slug"])
        if hub is None:
            raise Http404
        return hub

    def get_context_data(self, **kwargs):
        from innovations.selectors.innovation import hub_replications

        ctx = super().get_context_data(**kwargs)
        # Two queries whatever the number of rows (see hub_replications).
        ctx["replications"] = hub_replications(hub=self.object, user=self.request.user)
        return ctx
