"""The form that requests a report, used by the "Buat laporan" page and the buttons on other pages."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hubs.selectors import hubs_list
from jipp.forms import apply_service_errors, bootstrapify
from reports.choices import ReportFormat, ReportKind, ReportLanguage
from stories.models import Programme


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=ReportKind.choices)
    output_format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Bawaan"))] + list(ReportFormat.choices), required=False
    )
    language = forms.ChoiceField(label=_("Bahasa laporan"), choices=ReportLanguage.choices)
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=None, required=False, help_text=_("Untuk profil hub."))
    innovation = forms.IntegerField(
        label=_("Nomor inovasi"), required=False, min_value=1, help_text=_("Untuk profil inovasi.")
    )
    programme = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        help_text=_("Untuk laporan dampak."),
    )
    list = forms.CharField(widget=forms.HiddenInput, required=False)
    filters = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs_list().order_by("name")
        bootstrapify(self)

    def report_params(self) -> dict:
        """The job parameters of the chosen kind (the service validates them)."""
        data = self.cleaned_data
        kind = data["kind"]
        if kind == ReportKind.HUB_PROFILE:
            return {"hub": data["hub"].pk if data.get("hub") else None}
        if kind == ReportKind.INNOVATION_PROFILE:
            return {"innovation": data.get("innovation")}
        if kind == ReportKind.TPBIS_IMPACT:
            return {"programme": data["programme"].pk} if data.get("programme") else {}
        if kind == ReportKind.LIST_EXPORT:
            qd = QueryDict(data.get("filters") or "")
            return {"list": data.get("list"), "filters": {k: v if len(v) > 1 else v[0] for k, v in qd.lists()}}
        return {}

    def add_service_errors(self, error):
        """Show a service's ValidationError next to the matching field; the job's `params` are the
        chosen kind's own field (the hub, the innovation or the programme)."""
        field_for_params = {
            ReportKind.HUB_PROFILE: "hub",
            ReportKind.INNOVATION_PROFILE: "innovation",
            ReportKind.TPBIS_IMPACT: "programme",
        }.get(self.cleaned_data.get("kind"))
        apply_service_errors(self, error, field_map={"params": field_for_params} if field_for_params else None)
