"""Pages of the hubs app: the home page, the hub list and a hub's detail."""

from django_filters.views import FilterView

from hubs import selectors
from hubs.filtersets import HubFilterSet
from jipp.cache import PublicCacheMixin


class HubListView(PublicCacheMixin, FilterView):
    filterset_class = HubFilterSet
    template_name = "hubs/hub_list.html"
    context_object_name = "hubs"
    paginate_by = 60

    def get_queryset(self):
        return selectors.hubs_list().order_by("name")
