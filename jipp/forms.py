"""Form helpers shared by every app."""

from django import forms


def bootstrapify(form: forms.BaseForm) -> forms.BaseForm:
    """Give each widget Bootstrap's class and mark invalid fields for assistive technology."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        classes = set(widget.attrs.get("class", "").split()) | {css}
        widget.attrs["class"] = " ".join(sorted(classes))
        if form.is_bound and name in form.errors:
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form.prefix + '-' if form.prefix else ''}{name}-error"
    return form


class BootstrapFilterFormMixin:
    """FilterSet mixin: its form's widgets get Bootstrap classes."""

    @property
    def form(self):
        form = super().form
        return bootstrapify(form)
