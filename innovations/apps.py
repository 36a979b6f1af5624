from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    """Innovations (the KIPP proposal aspects, SDGs, awards), their review workflow and replications."""

    name = "innovations"
    verbose_name = _("Inovasi")

    def ready(self):
        from innovations.models import Innovation
        from innovations.selectors.review import QueueKind, register_queue_kind

        register_queue_kind(QueueKind("innovation", _("Inovasi"), Innovation, "innovations:innovation_review"))
