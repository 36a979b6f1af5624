"""The form that requests a report, used by the "Buat laporan" page and the buttons on other pages.

The form holds only the fields of the chosen kind (KIND_FIELDS): a hub profile asks for a hub,
chosen by name among the hubs the user may report on; an innovation profile for an innovation the
user may see; the impact report for a programme; the network recap for nothing more. The kind comes
from the posted data, else from `initial` (the page's ?kind=), else the first kind the user may ask
for, so the page works without JavaScript; htmx only swaps the fields when the kind changes.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hubs.models import Institution
from hubs.selectors import hubs_list
from innovations.models import Innovation
from jipp.forms import apply_service_errors, bootstrapify
from jipp.permissions import can_report_on_hub, can_report_on_network
from reports.choices import KIND_FORMATS, ReportFormat, ReportKind, ReportLanguage
from stories.models import Programme

# The fields each kind asks for, beside the kind, the format and the language. No kind is bound to a
# period today (the recap's "period" is the monthly schedule's key, not a filter), so none asks one.
KIND_FIELDS = {
    ReportKind.NETWORK_RECAP: (),
    ReportKind.HUB_PROFILE: ("hub",),
    ReportKind.INNOVATION_PROFILE: ("innovation",),
    ReportKind.TPBIS_IMPACT: ("programme",),
    ReportKind.LIST_EXPORT: ("list", "filters"),
}
REQUIRED_FIELDS = {"hub", "innovation", "list"}


def reportable_hubs(user):
    """The hubs whose profile `user` may ask for (jipp.permissions.can_report_on_hub), by name."""
    hubs = hubs_list().order_by("name")
    if can_report_on_network(user):  # staff: every hub, without a check per hub
        return hubs
    return hubs.filter(pk__in=[pk for pk in hubs.values_list("pk", flat=True) if can_report_on_hub(user, pk)])


def requestable_kinds(user) -> list[str]:
    """The kinds offered on the "Buat laporan" page; a list export is asked from its list's button."""
    kinds = []
    if can_report_on_network(user):
        kinds.append(ReportKind.NETWORK_RECAP)
    if reportable_hubs(user).exists():
        kinds.append(ReportKind.HUB_PROFILE)
    kinds += [ReportKind.INNOVATION_PROFILE, ReportKind.TPBIS_IMPACT]
    return kinds


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=ReportKind.choices)
    output_format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, required=False)
    language = forms.ChoiceField(label=_("Bahasa laporan"), choices=ReportLanguage.choices)
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Institution.objects.none(),
        empty_label=_("Pilih hub"),
        # A hub outside the list is one the user may not report on: say why, not just "invalid".
        error_messages={
            "invalid_choice": _("Profil hub hanya dapat dibuat oleh anggota hub tersebut atau staf kementerian.")
        },
    )
    innovation = forms.ModelChoiceField(
        label=_("Inovasi"), queryset=Innovation.objects.none(), empty_label=_("Pilih inovasi")
    )
    programme = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("TPBIS (bawaan)"),
    )
    list = forms.CharField(widget=forms.HiddenInput, required=False)
    filters = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kinds = requestable_kinds(user)
        self.chosen_kind = self._chosen_kind()
        offered = list(self.kinds)
        if self.chosen_kind not in offered:  # a list export from its button, or a refused kind
            offered.append(self.chosen_kind)
        labels = dict(ReportKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in offered]
        self.fields["kind"].initial = self.chosen_kind
        formats = KIND_FORMATS.get(self.chosen_kind, list(ReportFormat))
        format_labels = dict(ReportFormat.choices)
        self.fields["output_format"].choices = [(f.value, format_labels[f]) for f in formats]
        # Only the chosen kind's fields: the others are neither shown nor read.
        own = KIND_FIELDS.get(self.chosen_kind, ())
        for name in ("hub", "innovation", "programme", "list", "filters"):
            if name not in own:
                del self.fields[name]
            elif name in REQUIRED_FIELDS:
                self.fields[name].required = True
        if "hub" in self.fields:
            self.fields["hub"].queryset = reportable_hubs(user)
        if "innovation" in self.fields:
            self.fields["innovation"].queryset = (
                Innovation.objects.restrict(user).only("pk", "title").order_by("title", "pk")
            )
        bootstrapify(self)

    def _chosen_kind(self) -> str:
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        if kind in KIND_FIELDS:
            return kind
        return self.kinds[0]

    def report_params(self) -> dict:
        """The job parameters of the chosen kind (the service validates them)."""
        data = self.cleaned_data
        kind = data["kind"]
        if kind == ReportKind.HUB_PROFILE:
            return {"hub": data["hub"].pk}
        if kind == ReportKind.INNOVATION_PROFILE:
            return {"innovation": data["innovation"].pk}
        if kind == ReportKind.TPBIS_IMPACT:
            return {"programme": data["programme"].pk} if data.get("programme") else {}
        if kind == ReportKind.LIST_EXPORT:
            qd = QueryDict(data.get("filters") or "")
            return {"list": data.get("list"), "filters": {k: v if len(v) > 1 else v[0] for k, v in qd.lists()}}
        return {}

    def add_service_errors(self, error):
        """Show a service's ValidationError next to the matching field; the job's `params` are the
        chosen kind's own field (the hub, the innovation or the programme)."""
        own = [name for name in KIND_FIELDS.get(self.chosen_kind, ()) if name in self.fields]
        field_for_params = own[0] if own and own[0] != "list" else None
        apply_service_errors(self, error, field_map={"params": field_for_params} if field_for_params else None)
