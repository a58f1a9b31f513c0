"""The words of a query marked in a title and in a snippet of a body.

The text is the editors' (and the query the visitor's): every piece of it is escaped, and only
the <mark> elements put around the matches are markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120


def pattern(words):
    """A pattern of any of `words`, the longest first, as a number's forms too: gbt32960 finds
    "GB/T 32960"."""
    if not words:
        return None
    pieces = [
        r"[\s/]*".join(re.escape(char) for char in word)
        for word in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(pieces), re.IGNORECASE)


def marked(text, found):
    if found is None:
        return escape(text)
    # Matches next to each other (车 and 门锁 of 车门锁) are one mark.
    spans = []
    for match in found.finditer(text):
        if spans and match.start() == spans[-1][1]:
            spans[-1][1] = match.end()
        elif match.end() > match.start():
            spans.append([match.start(), match.end()])
    html, last = [], 0
    for start, end in spans:
        html.append(escape(text[last:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    html.append(escape(text[last:]))
    return mark_safe("".join(html))  # the text's pieces are escaped above


def snippet(text, found, length=SNIPPET_LENGTH):
    """Some `length` characters of `text` around its first match, or its start without one."""
    text = " ".join(text.split())
    match = found.search(text) if found is not None else None
    start = max(0, match.start() - length // 3) if match else 0
    piece = text[start : start + length]
    html = marked(piece, found)
    before = "…" if start > 0 else ""
    after = "…" if start + length < len(text) else ""
    return mark_safe(f"{before}{html}{after}")  # marked() escaped the text
