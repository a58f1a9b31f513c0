"""What every public list filters by: a search box over titles and numbers, year and month."""

import re

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .caching import kept_for_generation

MONTHS = [(month, str(month)) for month in range(1, 13)]


def html_attrs(attrs):
    """Attributes as Django's widgets/attrs.html writes them: True alone, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """A select with the HTML of Django's own, written in Python.

    Django renders every option from a template of its own: the filter form of a list, with its
    hundred committees, took longer to render than the 50 rows under it. The options are chosen
    as Select.optgroups chooses them (the first match only, unless multiple).
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(item) for item in self.format_value(value)}
        has_selected = False
        html = [f'<select name="{conditional_escape(name)}"{html_attrs(attrs)}>']
        for option_value, option_label in self.choices:
            group = isinstance(option_label, (list, tuple))
            options = option_label if group else [(option_value, option_label)]
            if group:
                html.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
            for subvalue, sublabel in options:
                subvalue = "" if subvalue is None else str(subvalue)
                selected = (not has_selected or self.allow_multiple_selected) and (
                    subvalue in chosen
                )
                has_selected |= selected
                html.append(
                    f'\n  <option value="{conditional_escape(subvalue)}"'
                    f"{' selected' if selected else ''}>{conditional_escape(sublabel)}</option>"
                )
            if group:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every value and label was escaped above


# A valid floating-point number, as HTML defines one: all a number input's value may be.
HTML_NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")


class NumberInput(forms.NumberInput):
    """A number box that writes back only a number: a browser sends nothing else from it, and
    shows none of anything else (a year of "twenty" typed into the address), which would be
    invalid HTML; the field's error says what was wrong."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is None or HTML_NUMBER.fullmatch(str(value)) else None


def validate_search(value):
    """At most SEARCH_MAX_LENGTH characters in SEARCH_MAX_WORDS words.

    Each word is a LIKE over every search field, all of them ANDed: a query of 2,000 words took
    a minute of the database and gigabytes of its memory.
    """
    if len(value) > settings.SEARCH_MAX_LENGTH:
        raise ValidationError(
            _("搜索内容过长：最多 %(limit)d 个字符，现有 %(count)d 个。请缩短后再搜索。"),
            code="search_too_long",
            params={"limit": settings.SEARCH_MAX_LENGTH, "count": len(value)},
        )
    words = len(value.split())
    if words > settings.SEARCH_MAX_WORDS:
        raise ValidationError(
            _("搜索词过多：最多 %(limit)d 个词，现有 %(count)d 个。请减少搜索词后再搜索。"),
            code="search_too_many_words",
            params={"limit": settings.SEARCH_MAX_WORDS, "count": words},
        )


class BoundedAdminSearchMixin:
    """The admin's search box within the public one's bounds: each word of Django's admin search
    is a LIKE over every search field too. A longer search shows why and no rows."""

    def get_search_results(self, request, queryset, search_term):
        try:
            validate_search(search_term)
        except ValidationError as error:
            if not request.path.endswith("/autocomplete/"):  # JSON: the term is the user's own
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)


class SearchFilterSet(django_filters.FilterSet):
    """A filter set with a search box: every word must appear in one of `search_fields`."""

    q = django_filters.CharFilter(
        label=_("搜索"),
        method="search",
        validators=[validate_search],
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、编号或关键词")}),
    )

    search_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            widget = filter_.extra.get("widget") or filter_.field_class.widget
            csv = isinstance(filter_, django_filters.filters.BaseCSVFilter)
            if widget is forms.Select and not csv:
                filter_.extra["widget"] = PlainSelect
            elif widget is forms.NumberInput:
                filter_.extra["widget"] = NumberInput
            else:
                continue
            # A field built before (drf-spectacular builds the class's own filters' fields for
            # the API's schema, and each filter set copies them) keeps its widget: built anew.
            filter_.__dict__.pop("_field", None)

    def get_form_class(self):
        # Each instance would build the same form class from its filters' fields (a tenth of an
        # uncached page): built once per filter set. Each form copies its fields, and `form`
        # asks each filter for its choices again; no other part of a field depends on the
        # request.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, filter_ in self.filters.items():
                # A callable's choices may change with the content (kept_choices).
                if callable(getattr(filter_, "queryset", None)) and name in form.fields:
                    form.fields[name].queryset = filter_.get_queryset(self.request)
        return self._form

    def search(self, queryset, name, value):
        for word in value.split():
            # A word with no case in it (Chinese, digits) is found the same without UPPER() on
            # either side, and PostgreSQL then reads the column's own statistics and skips an
            # UPPER() a row: 汽车 安全 over the meetings took 27 ms, 3 ms without. SQLite's
            # LIKE is the same for both.
            lookup = "icontains" if word.swapcase() != word else "contains"
            matches = Q()
            for field in self.search_fields:
                matches |= Q(**{f"{field}__{lookup}": word})
            queryset = queryset.filter(matches)
        return queryset


def kept_choices(name, queryset):
    """The rows of `queryset` as a filter's choices, the rows themselves found once per content
    generation (common.caching): a choice that is any committee with a public record is an
    EXISTS over that whole table, 50 ms of every comment requests page on PostgreSQL."""
    if not settings.PUBLIC_COUNT_CACHE:
        return queryset
    ids = kept_for_generation(name, lambda: list(queryset.values_list("pk", flat=True)))
    return queryset.model._default_manager.filter(pk__in=ids)


def year_filter(field_name):
    return django_filters.NumberFilter(
        field_name=f"{field_name}__year",
        label=_("年份"),
        min_value=1990,
        max_value=2100,
    )


def month_filter(field_name):
    return django_filters.ChoiceFilter(
        field_name=f"{field_name}__month", label=_("月份"), choices=MONTHS, empty_label=_("全部")
    )


class SortFilter(django_filters.OrderingFilter):
    """Sorting choices whose labels follow the page's language.

    django-filter formats its "(descending)" labels once, at import, in whatever language is
    active then; these stay lazy. `field_labels` is keyed by the parameter's name.
    """

    def build_choices(self, fields, labels):
        choices = []
        for param in fields.values():
            label = labels[param]
            choices.append((param, label))
            choices.append((f"-{param}", format_lazy(_("{}（倒序）"), label)))
        return choices
