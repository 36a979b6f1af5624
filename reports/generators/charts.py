"""Charts drawn on the server as SVG from the data, so that PDFs need no JavaScript."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from reports.generators.formatting import figure

BRAND = "#0b4f8a"
TARGET = "#8a4b00"


def bar_chart_svg(items, *, width=640, bar_height=18, label_width=230, title="", unit=""):
    """A horizontal bar chart: one bar per (label, value[, target]); a target is drawn as a tick.

    Values are scaled to the largest value or target. Returns safe markup to embed in a template.
    """
    items = [(str(i[0]), float(i[1] or 0), float(i[2]) if len(i) > 2 and i[2] is not None else None) for i in items]
    gap = 8
    top = 24 if title else 4
    height = top + len(items) * (bar_height + gap) + 4
    top_value = max([v for _, v, _ in items] + [t for _, _, t in items if t is not None] + [1])
    plot = width - label_width - 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
    ]
    if title:
        parts.append(f'<text x="0" y="14" font-size="12" font-weight="bold" fill="#1d2733">{escape(title)}</text>')
    for i, (label, value, target) in enumerate(items):
        y = top + i * (bar_height + gap)
        w = max(plot * value / top_value, 0)
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(f'<text x="0" y="{y + bar_height - 5}" font-size="10" fill="#1d2733">{escape(short)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{BRAND}"/>')
        # Formatted for the active language (the PDF renders under translation.override).
        number = figure(value, max_places=1)
        parts.append(
            f'<text x="{label_width + w + 4:.1f}" y="{y + bar_height - 5}" font-size="10" fill="#1d2733">'
            f"{escape(number)}{escape(unit)}</text>"
        )
        if target is not None:
            x = label_width + plot * target / top_value
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 2}" x2="{x:.1f}" y2="{y + bar_height + 2}" '
                f'stroke="{TARGET}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text piece above is escaped
