"""The review queue's filters: the kind of record and its hub."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innovations.filtersets.innovation import _hubs
from innovations.selectors.review import QUEUE_KINDS
from jipp.forms import bootstrapify


class ReviewQueueFilterForm(forms.Form):
    """GET filters of the queue; an invalid value shows its error and no rows, like the lists."""

    kind = forms.ChoiceField(label=_("Jenis"), required=False)
    hub = forms.ModelChoiceField(queryset=_hubs(), label=_("Hub"), required=False, empty_label=_("Semua"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Semua")), *((k.name, k.label) for k in QUEUE_KINDS.values())]
        bootstrapify(self)
