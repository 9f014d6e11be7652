"""Small horizontal bar charts drawn as inline SVG, for pages read on a phone.

The chart is drawn in a 320-unit-wide box and scales to the width it gets (at least about
290 px on a 360 px phone), so its 14-unit text stays above 12 px. The text is real text:
translated, searchable, read by screen readers, and checked like the rest of the page.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 320
ROW = 34
FONT = 14
COLOURS = ("#b3121b", "#6b6b6b", "#1d6b35", "#8a5a00")


def bar_chart(rows: list[tuple[str, int]], *, title: str) -> SafeString:
    """One bar per (label, value): the label above its bar, the value at the bar's end."""
    largest = max([value for _label, value in rows] + [1])
    bar_room = WIDTH - 60
    height = ROW * len(rows) + 8
    bars = format_html_join(
        "",
        '<text x="0" y="{}" font-size="{}">{}</text>'
        '<rect x="0" y="{}" width="{}" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="{}">{}</text>',
        (
            (
                index * ROW + FONT,
                FONT,
                label,
                index * ROW + FONT + 5,
                max(round(bar_room * value / largest), 2 if value else 0),
                COLOURS[index % len(COLOURS)],
                max(round(bar_room * value / largest), 2) + 6,
                index * ROW + FONT + 16,
                FONT,
                value,
            )
            for index, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<figure class="svg-chart"><figcaption>{}</figcaption>'
        '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">{}</svg></figure>',
        title,
        WIDTH,
        height,
        title,
        bars,
    )
