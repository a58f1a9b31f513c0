"""Bar charts drawn as SVG on the server, with the numbers repeated in a table."""

import unicodedata

from django import template

register = template.Library()

# In SVG user units; the chart scales down with its container through the viewBox.
# Narrow enough that the text stays legible when a phone scales the chart down.
WIDTH = 480
FONT_SIZE = 15
ROW_HEIGHT = 28
BAR_HEIGHT = 18
PADDING = 6
GAP = 8
VALUE_WIDTH = 40
MIN_LABEL_WIDTH = 48
MAX_LABEL_WIDTH = 200


def text_width(text):
    """Roughly how wide `text` is drawn: Chinese characters a full em, the rest about half."""
    ems = sum(1 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in str(text))
    return ems * FONT_SIZE


def fit(text, width):
    """`text`, cut with an ellipsis where it would be wider than `width`."""
    text = str(text)
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


@register.inclusion_tag("website/includes/bar_chart.svg.html")
def bar_chart(rows, chart_id, title, label_heading, value_heading):
    """A horizontal bar chart of (label, value) rows, or the empty message when all are 0.

    The bars are scaled to the largest value; each row shows its label and its value.
    """
    rows = [(str(label), value) for label, value in rows]
    total = sum(value for _, value in rows)
    context = {
        "chart_id": chart_id,
        "title": title,
        "label_heading": label_heading,
        "value_heading": value_heading,
        "rows": rows,
        "total": total,
    }
    if not total:
        return context
    label_width = min(
        MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, *(text_width(label) for label, _ in rows))
    )
    largest = max(value for _, value in rows)
    bar_x = PADDING + label_width + GAP
    value_width = max(VALUE_WIDTH, text_width(largest) + GAP)
    bar_space = WIDTH - bar_x - value_width - PADDING
    bars = []
    for index, (label, value) in enumerate(rows):
        top = PADDING + index * ROW_HEIGHT
        width = round(bar_space * value / largest, 1)
        bars.append(
            {
                "label": label,
                "short_label": fit(label, label_width),
                "value": value,
                "y": top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                "text_y": top + ROW_HEIGHT / 2,
                "width": width,
                "value_x": bar_x + width + 4,
            }
        )
    context.update(
        {
            "bars": bars,
            "width": WIDTH,
            "height": PADDING * 2 + len(rows) * ROW_HEIGHT,
            "label_x": PADDING + label_width,
            "bar_x": bar_x,
            "bar_height": BAR_HEIGHT,
            "largest": largest,
            "largest_label": next(label for label, value in rows if value == largest),
        }
    )
    return context
