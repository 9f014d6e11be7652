"""Small SVG charts drawn as text: no script, the same markup on a page and in a PDF."""

from decimal import Decimal

from django.utils.html import escape

RED = "#b3121b"
GREY = "#ddd"


def bars_svg(rows: list[tuple[str, Decimal]], title: str) -> str:
    """Horizontal bars, one per (label, amount), scaled to the largest."""
    width, bar_height, gap, label_width = 320, 16, 8, 130
    height = 24 + len(rows) * (bar_height + gap)
    largest = max((float(amount) for _label, amount in rows), default=0.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {max(height, 40)}" '
        f'class="finance-chart" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="12" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, amount) in enumerate(rows):
        y = 24 + index * (bar_height + gap)
        length = (width - label_width - 50) * float(amount) / largest
        parts.append(
            f'<text x="0" y="{y + 12}" font-size="11">{escape(label[:22])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 0):.1f}" '
            f'height="{bar_height}" fill="{RED}"/>'
            f'<text x="{label_width + max(length, 0) + 4:.1f}" y="{y + 12}" font-size="11">'
            f"{amount:,.0f}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def progress_svg(paid: Decimal, pledged: Decimal, target: Decimal, title: str) -> str:
    """A fund drive: paid and pledged against the target."""
    width, height = 320, 44
    scale = float(max(target, pledged, paid)) or 1.0

    def span(value: Decimal) -> float:
        return (width - 2) * float(value) / scale

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="finance-chart" role="img" aria-label="{escape(title)}">'
        f'<rect x="1" y="8" width="{span(target):.1f}" height="20" fill="none" stroke="#333"/>'
        f'<rect x="1" y="8" width="{span(pledged):.1f}" height="20" fill="{GREY}"/>'
        f'<rect x="1" y="8" width="{span(paid):.1f}" height="20" fill="{RED}"/>'
        f'<text x="1" y="42" font-size="11">{escape(title)}</text></svg>'
    )
