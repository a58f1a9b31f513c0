"""Where the document's lines may not break: numbers with their units, standards' numbers, and
the last characters of a cell or a paragraph.

Chinese text may break between any two characters, so "第2部分" ends a line as "第" and
"GB 21670" breaks at its space; and a cell or paragraph whose last line holds one character
("司", "径。") looks like a mistake. WeasyPrint has no `word-break: keep-all` nor `text-wrap:
pretty`, so these runs are wrapped in `<span class="keep">` (white-space: nowrap in the
document's stylesheet) when the document is rendered. A span rather than U+2060 WORD JOINER:
the text stays what it was, for search, copy and the PDF's text layer.
"""

import re
from html import escape
from html.parser import HTMLParser

from common.richtext import VOID_TAGS

KEEP = '<span class="keep">'

RUNS = re.compile(
    r"""
    (?<![A-Za-z])[A-Z]{2,}(?:/[A-Z]+)*\s?\d+(?:[.\-–—]\d+)*  # GB 21670-2008, GB/T 3730.2
    | 第\s?\d+(?:\s?[-–~～]\s?\d+)?\s?(?:部分|[章节条款项次届期批号卷版])  # 第2部分, 第 1-10 部分
    | \d+(?:\.\d+)*(?:\s?[-–~～]\s?\d+(?:\.\d+)*)?  # 5.1, 28-30 …
      \s?(?:%|[A-Za-z]+(?:/[A-Za-z]+)?|[万亿千百]?[\u3400-\u9fff])  # … with its unit: 5.1升, 6 月
    """,
    re.VERBOSE,
)

# Blocks whose last line is a paragraph's: text before these tags ends one.
BLOCK_ENDS = {"p", "li"}
BLOCK_STARTS = {"p", "li", "ul", "ol", "br"}


def keep_ranges(text, last=0):
    """The (start, end) ranges of `text` that must stay on one line, merged and in order; with
    `last`, the range of its last `last` characters other than white space too."""
    ranges = [match.span() for match in RUNS.finditer(text)]
    if last:
        visible = [index for index, char in enumerate(text) if not char.isspace()]
        if len(visible) > 1:  # one character alone binds to nothing
            ranges.append((visible[-min(last, len(visible))], visible[-1] + 1))
    merged = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:  # adjacent runs ("6月", "28日") may part
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def keep_together(text, last=0):
    """`text` escaped as HTML, with its runs that must not break wrapped in a keep span."""
    text = str(text)
    out, position = [], 0
    for start, end in keep_ranges(text, last):
        out += [escape(text[position:start]), KEEP, escape(text[start:end]), "</span>"]
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


class _Typesetter(HTMLParser):
    """Rewrites cleaned rich text (common.richtext) with keep spans in its text."""

    def __init__(self, last):
        super().__init__(convert_charrefs=True)
        self.last = last
        self.out = []  # markup as strings, text as [text] to be set once its block is known

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_STARTS:
            self.end_block()
        attributes = "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
        self.out.append(f"<{tag}{attributes}>")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:  # <br/>, which the parser reports as a start and an end
            return
        if tag in BLOCK_ENDS:
            self.end_block()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append([data])

    def end_block(self):
        """Binds the end of the text just written, if the block's last line ends in it. Text
        ending in an inline element ("…<strong>径</strong>。") is left as it is."""
        if self.out and isinstance(self.out[-1], list) and self.out[-1][0].strip():
            self.out[-1] = keep_together(self.out[-1][0], self.last)

    def result(self):
        self.end_block()  # a body of bare text, with no paragraph
        return "".join(
            keep_together(item[0]) if isinstance(item, list) else item for item in self.out
        )


def typeset_html(html, last=3):
    """Cleaned rich text with its runs kept together and each paragraph's and list item's last
    `last` characters bound, so that no block ends in a line of one or two characters."""
    parser = _Typesetter(last)
    parser.feed(html)
    parser.close()
    return parser.result()
