"""What every public list filters by: a search box over titles and numbers, year and month."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MONTHS = [(month, str(month)) for month in range(1, 13)]


class SearchFilterSet(django_filters.FilterSet):
    """A filter set with a search box: every word must appear in one of `search_fields`."""

    q = django_filters.CharFilter(
        label=_("搜索"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、编号或关键词")}),
    )

    search_fields = ()

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
