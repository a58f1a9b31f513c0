"""What every public list filters by: a search box over titles and numbers, year and month."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MONTHS = [(month, str(month)) for month in range(1, 13)]


def html_attrs(attrs):
    """Attributes as Django's widgets/attrs.html writes them: True alone, False left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A select with the HTML of Django's own, written in Python.

    Django renders every option from a template of its own: the filter form of a list, with its
    hundred committees, took longer to render than the 50 rows under it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>',
                (
                    (option["value"], html_attrs(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                html = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, html)
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            html_attrs(widget["attrs"]),
            mark_safe("".join(groups)),  # each part was escaped by format_html
        )


class SearchFilterSet(django_filters.FilterSet):
    """A filter set with a search box: every word must appear in one of `search_fields`."""

    q = django_filters.CharFilter(
        label=_("搜索"),
        method="search",
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

    def search(self, queryset, name, value):
        for word in value.split():
            matches = Q()
            for field in self.search_fields:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset


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
