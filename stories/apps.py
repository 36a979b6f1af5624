from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    """TPBIS programmes, impact stories, indicators and measurements, and who may see whose story."""

    name = "stories"
    verbose_name = _("Kisah dampak")

    def ready(self):
        from innovations.selectors.review import QueueKind, register_queue_kind
        from innovations.views.innovation import DETAIL_EXTENSIONS
        from stories.models import ImpactStory
        from stories.views import innovation_page_indicators

        # An innovation's page charts its impact indicators.
        DETAIL_EXTENSIONS.append(innovation_page_indicators)
        # Submitted stories wait in the one review queue beside innovations.
        register_queue_kind(QueueKind("story", _("Kisah dampak"), ImpactStory, "stories:story_review"))
