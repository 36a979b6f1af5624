"""PDF rendering from templates with WeasyPrint, in the language the user asked for."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def render_pdf(*, template: str, context: dict, path, language: str) -> None:
    """Render `template` in `language` and write the PDF to `path`.

    The PDF gets the portal's look from templates/reports/pdf/base.html (page numbers through @page
    counters, the generation date in the footer); there is no JavaScript in a PDF.
    """
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            template,
            {**context, "generated_at": timezone.localtime(), "LANGUAGE_CODE": language},
        )
    # base_url lets templates reference files under static/ (fonts, logo) without the network.
    HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(target=str(path))
