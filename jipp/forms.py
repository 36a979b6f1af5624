"""Form helpers shared by every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelectMixin:
    """Renders a <select> in Python, with the same HTML as Django's templates.

    Django renders every <option> through a template: on a filter panel with a few hundred options
    that was most of a list page's time. Same name, attributes, optgroups, selection and escaping.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        "" if option["value"] is None else str(option["value"]),
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 (every part is built by format_html)


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


_FAST = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


def bootstrapify(form: forms.BaseForm) -> forms.BaseForm:
    """Give each widget Bootstrap's class and mark invalid fields for assistive technology."""
    for name, field in form.fields.items():
        widget = field.widget
        if type(widget) in _FAST:  # exactly these classes: subclasses may have their own templates
            widget.__class__ = _FAST[type(widget)]
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
