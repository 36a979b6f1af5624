"""Forms of impact stories. They collect input; the rules are in stories.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hubs.models import Institution, Regency
from innovations.models import Innovation
from jipp import permissions
from jipp.forms import bootstrapify
from stories.models import ImpactStory
from stories.services import CONSENT_DATE_RULE, STORY_FIELDS, story_validate


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ImpactStoryForm(forms.ModelForm):
    """Create or edit a story. `hub` is offered on create only, among the user's hubs."""

    hub = forms.ModelChoiceField(queryset=Institution.objects.none(), label=_("Hub"))
    photo = forms.FileField(
        label=_("Tambah foto"),
        required=False,
        help_text=_("JPEG, PNG atau WebP. Data EXIF (termasuk lokasi GPS) dihapus saat diunggah."),
    )
    photo_caption = forms.CharField(label=_("Keterangan foto"), required=False, max_length=255)
    consent_document_file = forms.FileField(
        label=_("Dokumen persetujuan"), required=False, help_text=_("PDF atau gambar (opsional).")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ImpactStory
        fields = STORY_FIELDS
        widgets = {
            "story_date": DateInput(),
            "consent_date": DateInput(),
            "narrative_before": forms.Textarea(attrs={"rows": 5}),
            "narrative_after": forms.Textarea(attrs={"rows": 5}),
            "narrative_before_en": forms.Textarea(attrs={"rows": 3}),
            "narrative_after_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        hub_ids = permissions.creatable_hub_ids(user)
        if self.instance.pk:
            del self.fields["hub"]
            self.fields["version"].initial = self.instance.version
            if self.instance.erased_at is not None:
                # Nothing personal can be recorded again once erased.
                for name in ("beneficiary_name", "gender", "age_group", "has_disability", "photo", "photo_caption"):
                    del self.fields[name]
        else:
            self.fields["hub"].queryset = Institution.objects.filter(pk__in=hub_ids).order_by("name")
            del self.fields["version"]
        self.fields["regency"].queryset = Regency.objects.select_related("province").order_by("code")
        self.fields["regency"].label_from_instance = lambda r: f"{r.name} ({r.province.name})"
        # Only the innovations of the user's hubs are offered (a select of every innovation would be huge).
        self.fields["innovation"].queryset = Innovation.objects.filter(
            Q(hub_id__in=hub_ids) | Q(pk=self.instance.innovation_id or 0)
        ).order_by("title")
        self.fields["income_before"].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.fields["income_after"].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.fields["people_reached"].widget.attrs.update({"min": 1, "inputmode": "numeric"})
        # The name is protected by the consent fields only: free text must not repeat it.
        for name in ("title", "narrative_before", "narrative_after"):
            if name in self.fields:
                self.fields[name].help_text = _(
                    "Jangan tulis nama penerima manfaat di sini; nama hanya diisi di kolom penerima manfaat."
                )
        # The service's rule, said where the date is typed (the same text as its error).
        self.fields["consent_date"].help_text = CONSENT_DATE_RULE
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["aria-required"] = "true"
        bootstrapify(self)

    def _post_clean(self):
        super()._post_clean()
        # The service's own rules, on the instance the form has built, so every error shows at once
        # next to its field (the service checks them again when it saves).
        try:
            story_validate(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)

    def service_data(self) -> dict:
        """The cleaned values the service takes (the files and the version travel separately)."""
        data = {name: value for name, value in self.cleaned_data.items() if name in STORY_FIELDS or name == "hub"}
        if self.cleaned_data.get("consent_document_file"):
            data["consent_document"] = self.cleaned_data["consent_document_file"]
        return data
