"""Forms of the innovation pages. They only shape input; the rules live in the services, whose
errors reach these forms through jipp.forms.apply_service_errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hubs.models import Institution
from innovations.choices import AwardKind
from innovations.files import check_upload, safe_name
from innovations.models import ASPECT_FIELDS, SDG, Innovation, Replication
from innovations.services.innovation import INNOVATION_FIELDS, RINGKASAN_MAX_WORDS
from jipp import permissions
from jipp.forms import bootstrapify

# The sections of the innovation form, in order: (anchor, title, fields).
SECTIONS = [
    ("identitas", _("Identitas"), ["hub", "institution", "title", "title_en", "summary_en"]),
    ("aspek", _("Aspek KIPP"), ASPECT_FIELDS),
    (
        "klasifikasi",
        _("Klasifikasi"),
        [
            "stage",
            "innovation_type",
            "initiator",
            "implementation_started_on",
            "group",
            "category",
            "province",
            "regency",
        ],
    ),
    ("tpb", _("TPB/SDG"), []),
    (
        "bukti",
        _("Bukti, pengakuan dan keberlanjutan"),
        [
            "video_url",
            "attachments",
            "attachment_aspect",
            "sinovik_id",
            "jippnas_id",
            "continuation",
            "last_verified_on",
        ],
    ),
]

# What a KIPP proposal asks for besides the eight aspects (KemenPANRB's KIPP rules), said on the form
# so that evidence is attached before submission rather than looked for afterwards.
EVIDENCE_HELP = _(
    "Bukti yang diminta KIPP: surat keputusan (SK) yang menetapkan inovator dan, sejak 2025, surat "
    "kesediaan replikasi yang ditandatangani; video paling lama 3 menit diisi di kolom tautan video. "
    "Bukti pendukung suatu aspek (data, foto, dokumen) dapat dilampirkan dengan memilih aspeknya. "
    "PDF, gambar, Word/Excel/PowerPoint; paling besar 10 MB per berkas."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleaned to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class InnovationForm(forms.ModelForm):
    """Every field of an innovation in sections, plus one checkbox and relevance note per SDG."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    video_url = forms.URLField(
        label=_("tautan video"), required=False, assume_scheme="https", help_text=_("Paling lama 3 menit.")
    )
    attachments = MultipleFileField(label=_("Lampiran bukti"), required=False, help_text=EVIDENCE_HELP)
    attachment_aspect = forms.ChoiceField(
        label=_("Aspek lampiran"),
        required=False,
        choices=[("", _("(umum)")), *[(f, Innovation._meta.get_field(f).verbose_name) for f in ASPECT_FIELDS]],
        help_text=_("Berlaku untuk berkas yang dipilih kali ini."),
    )

    class Meta:
        model = Innovation
        # What the services let a hub member set, and the hub a new draft is for.
        fields = ["hub", *INNOVATION_FIELDS]
        widgets = {
            "implementation_started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_verified_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ASPECT_FIELDS},
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.sdg_errors: list[str] = []
        creating = self.instance.pk is None
        member_hubs = permissions.creatable_hub_ids(user)
        if creating:
            self.fields["hub"].queryset = Institution.objects.filter(pk__in=member_hubs).order_by("name")
            self.fields["hub"].empty_label = None if len(member_hubs) == 1 else "---------"
            hubs = member_hubs
        else:
            del self.fields["hub"]
            hubs = {self.instance.hub_id}
        # Offer the institutions of the hubs' networks; the service re-checks the chosen pair.
        self.fields["institution"].queryset = Institution.objects.filter(
            Q(pk__in=hubs) | Q(coaching_hub__in=hubs)
        ).order_by("name")
        # Read by static/js/word-count.js; the texts are translated here, in the page's language.
        self.fields["ringkasan"].widget.attrs.update(
            {
                "data-max-words": str(RINGKASAN_MAX_WORDS),
                "data-words-text": _("%(count)s dari %(max)s kata"),
                "data-words-over": _("%(count)s dari %(max)s kata: kurangi %(over)s kata"),
            }
        )
        self.fields["ringkasan"].widget.attrs["rows"] = 6
        self.fields["version"].initial = self.instance.version if not creating else None

        linked = {}
        if not creating:
            linked = {link.sdg_id: link.relevance for link in self.instance.sdg_links.all()}
        self.sdgs = list(SDG.objects.all())
        for sdg in self.sdgs:
            self.fields[f"sdg_{sdg.number}"] = forms.BooleanField(
                required=False, label=str(sdg), initial=sdg.pk in linked
            )
            self.fields[f"sdg_{sdg.number}_relevance"] = forms.CharField(
                required=False,
                label=_("Relevansi dengan TPB %(n)s") % {"n": sdg.number},
                initial=linked.get(sdg.pk, ""),
                widget=forms.TextInput(),
            )
        for field in self.fields.values():
            if field.required:
                # `required` alone is not read out by every screen reader in every widget.
                field.widget.attrs["aria-required"] = "true"
        bootstrapify(self)

    def section_fields(self):
        """[(anchor, title, [bound fields])] for the template."""
        return [
            (anchor, title, [self[name] for name in names if name in self.fields]) for anchor, title, names in SECTIONS
        ]

    def sdg_rows(self):
        return [(self[f"sdg_{s.number}"], self[f"sdg_{s.number}_relevance"]) for s in self.sdgs]

    def clean_attachments(self):
        # The upload checks (type by content, size) here too, so that a refused file is named with
        # the form's other errors; attachment_add checks each file again when it stores it.
        files = self.cleaned_data.get("attachments") or []
        errors = []
        for uploaded in files:
            try:
                check_upload(uploaded)
            except ValidationError as exc:
                errors.extend(f"{safe_name(uploaded.name)}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def new_attachments(self) -> list:
        """[{"file", "aspect"}] for attachment_add, one per chosen file."""
        aspect = self.cleaned_data.get("attachment_aspect") or ""
        return [{"file": f, "aspect": aspect} for f in self.cleaned_data.get("attachments") or []]

    def service_data(self) -> dict:
        """cleaned_data in the shape innovation_create / innovation_update take."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        data["sdg_links"] = [
            {"sdg": sdg, "relevance": self.cleaned_data.get(f"sdg_{sdg.number}_relevance", "")}
            for sdg in self.sdgs
            if self.cleaned_data.get(f"sdg_{sdg.number}")
        ]
        return data

    def _post_clean(self):
        # Model validation runs in the service (with the hub and the network rules), not here.
        pass


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis penghargaan"), choices=[("", "---------"), *AwardKind.choices])
    year = forms.IntegerField(label=_("Tahun"), min_value=2014, max_value=2100)
    name = forms.CharField(label=_("Nama penghargaan"), max_length=255, required=False)


class BaseAwardFormSet(forms.BaseFormSet):
    def awards(self) -> list[dict]:
        return [
            {"kind": f.cleaned_data["kind"], "year": f.cleaned_data["year"], "name": f.cleaned_data.get("name", "")}
            for f in self.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


AwardFormSet = forms.formset_factory(AwardForm, formset=BaseAwardFormSet, extra=1, can_delete=True)


def award_formset(*args, innovation=None, **kwargs):
    initial = None
    if innovation is not None and not args:
        initial = [{"kind": a.kind, "year": a.year, "name": a.name} for a in innovation.awards.all()]
    formset = AwardFormSet(*args, initial=initial, prefix="awards", **kwargs)
    for form in formset.forms:
        bootstrapify(form)
    return formset


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Berkas (PDF, gambar, Word/Excel/PowerPoint; paling besar 10 MB)"))
    aspect = forms.ChoiceField(
        label=_("Aspek"),
        required=False,
        choices=[("", _("(umum)")), *[(f, Innovation._meta.get_field(f).verbose_name) for f in ASPECT_FIELDS]],
    )
    description = forms.CharField(label=_("Keterangan"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ReviewForm(forms.Form):
    """A reviewer's decision on a reviewed record (an innovation, a story): one of the actions the
    workflow offers now (innovations.workflow.review_actions_available) and one comment, required
    by the actions that ask for one. Both record kinds review through this form and
    templates/includes/review_form.html."""

    action = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Komentar"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        self.fields["action"].choices = [(a.name, a.label) for a in self.actions]
        needing = [str(a.label) for a in self.actions if a.needs_comment]
        if needing:
            self.fields["comment"].help_text = _("Wajib diisi untuk: %(actions)s.") % {"actions": ", ".join(needing)}
        bootstrapify(self)

    def clean(self):
        cleaned = super().clean()
        chosen = next((a for a in self.actions if a.name == cleaned.get("action")), None)
        # The workflow refuses it too; checked here so the error shows before anything is locked.
        if chosen is not None and chosen.needs_comment and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Komentar wajib diisi untuk tindakan ini."))
        return cleaned

    @property
    def options(self) -> list[tuple]:
        """(radio, action) pairs: the template styles each choice by its action (destructive, primary)."""
        return list(zip(self["action"], self.actions, strict=True))


class ReplicationForm(forms.ModelForm):
    """A replication of one innovation; the facilitating hub is one the user may record for."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(label=_("Bukti (komitmen bertanda tangan, SK, foto; PDF/gambar/Office)"), required=False)

    class Meta:
        model = Replication
        fields = ["adopter", "facilitating_hub", "stage", "committed_on", "live_on", "notes"]
        widgets = {
            "committed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "live_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitating_hub"].queryset = Institution.objects.filter(
            pk__in=permissions.managed_hub_ids(user)
        ).order_by("name")
        self.fields["adopter"].queryset = Institution.objects.order_by("name")
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        bootstrapify(self)

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}

    def evidence_file(self):
        return self.cleaned_data.get("file")
