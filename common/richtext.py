"""Rich text typed or pasted from Word and web pages, cut down to what the bulletin prints.

One definition serves the editor's toolbar (django-prose-editor) and the server-side cleaning, so
what an editor can make is what is stored.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "BulletList": True,
    # Without its list-properties button: the numbering's type and start are not kept.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "History": True,
    # The editor's toolbar, its tooltips translated (common/static/common/prose-editor-menu.js).
    "Menu": False,
    "TranslatedMenu": True,
    # The editing box named after its field (common/static/common/prose-editor-label.js).
    "FieldLabel": True,
}
ALLOWED_TAGS = {"p", "br", "strong", "em", "u", "sub", "sup", "ol", "ul", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
# Deeper than this, elements are unwrapped (their text stays): WeasyPrint lays nested boxes out
# recursively, and 100 levels of lists (1.8 KB) exhausted its stack. Three levels of lists with
# bold and italic text inside need seven.
MAX_DEPTH = 8
VOID_TAGS = {"br"}


class _Flattener(HTMLParser):
    """Writes the cleaner's output back with elements below MAX_DEPTH unwrapped.

    nh3 has no depth limit; its output is well formed, so a stack of open tags is all it takes.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.stack = []  # for each open element, whether it was kept

    def handle_starttag(self, tag, attrs):
        keep = sum(self.stack) < MAX_DEPTH
        if keep:
            attributes = "".join(
                f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs
            )
            self.out.append(f"<{tag}{attributes}>")
        if tag not in VOID_TAGS:
            self.stack.append(keep)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.stack:
            return
        if self.stack.pop():
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))


def adds_no_markup(extension_config, shared_config):
    """What an extension lets the editor write, for django-prose-editor's sanitizer: for the
    toolbar, nothing (clean_html sanitizes the text)."""


def limit_depth(html):
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def clean_html(html):
    """Return `html` with only the tags the bulletin uses; scripts, styles and attributes go."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # The editor leaves an empty paragraph for every extra Enter; in print they are stray gaps.
    return EMPTY_PARAGRAPH.sub("", limit_depth(cleaned)).strip()


def plain_text(html):
    """The text of cleaned HTML as a reader sees it, entities decoded, for escaping once more."""
    return unescape(strip_tags(html or ""))


# What the editor sends when nothing was typed: empty paragraphs and whitespace.
EMPTY_EDITOR = re.compile(r"<p>(?:\s|<br\s*/?>)*</p>|\s+")
NOTHING_LEFT = _("清除脚本和不支持的格式后没有剩下任何内容：请填写可显示的文字。")


class RichTextField(ProseEditorField):
    """Text edited in the prose editor and cleaned on every write: admin, imports, demo data."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs.setdefault("sanitize", clean_html)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        given = value
        value = super().clean(value, model_instance)
        # Required means something is left once scripts and unsupported formatting are gone.
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        # A text given that cleaning empties (only a script, say) is refused, not stored as
        # nothing: the editor would lose it without a word.
        if not value and EMPTY_EDITOR.sub("", given or ""):
            raise ValidationError(NOTHING_LEFT, code="nothing_left")
        return value

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # QuerySet.update() and bulk_update() write without pre_save(); every write comes here,
        # bulk_update()'s values inside the expression it updates with.
        if value is not None and not hasattr(value, "resolve_expression"):
            value = clean_html(self.to_python(value))
        return super().get_db_prep_save(value, connection)
