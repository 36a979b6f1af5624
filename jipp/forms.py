"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


def apply_service_errors(
    form: forms.BaseForm, exc: ValidationError, *, field_map: dict | None = None, extra: dict | None = None
) -> None:
    """Show a service's ValidationError on the bound form, which keeps what the user typed.

    An error keyed by a field the form has goes next to that field; any other (unkeyed, or keyed by
    something the form does not show) goes at the top, so no message of the service is lost.
    `field_map` names the form field for a service key that differs (NON_FIELD_ERRORS for an
    unkeyed error, e.g. a file refused as a whole belongs to the upload field). `extra` maps keys
    shown outside the form's fields (e.g. "sdgs") to the lists their template reads.
    """
    field_map = field_map or {}
    error_dict = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    for key, errors in error_dict.items():
        target = field_map.get(key, key)
        if extra is not None and key in extra:
            extra[key].extend(message for error in errors for message in error.messages)
        elif target in form.fields:
            form.add_error(target, errors)
        elif target == NON_FIELD_ERRORS:
            form.add_error(None, errors)
        else:
            form.add_error(None, [message for error in errors for message in error.messages])
    bootstrapify(form)
