from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    """Innovations (the KIPP proposal aspects, SDGs, awards), their review workflow and replications."""

    name = "innovations"
    verbose_name = _("Inovasi")
