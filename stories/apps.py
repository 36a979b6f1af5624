from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    """TPBIS programmes, impact stories, indicators and measurements, and who may see whose story."""

    name = "stories"
    verbose_name = _("Kisah dampak")

    def ready(self):
        from innovations.views.innovation import DETAIL_EXTENSIONS
        from stories.views import innovation_page_indicators

        # An innovation's page charts its impact indicators.
        DETAIL_EXTENSIONS.append(innovation_page_indicators)
