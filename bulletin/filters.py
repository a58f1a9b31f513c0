import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import SearchFilterSet, SortFilter, month_filter, year_filter

from .models import Issue, NewsItem


def published_years():
    years = Issue.objects.published().values_list("year", flat=True).distinct().order_by("-year")
    return [(year, str(year)) for year in years]


class IssueFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("年份"), choices=published_years, empty_label=_("全部")
    )

    class Meta:
        model = Issue
        fields = ["year"]


class NewsItemFilter(SearchFilterSet):
    year = year_filter("date")
    month = month_filter("date")
    region = django_filters.CharFilter(label=_("地区"))
    sort = SortFilter(
        label=_("排序"),
        empty_label=_("默认"),
        fields=[("date", "date"), ("title", "title")],
        field_labels={"date": _("日期"), "title": _("标题")},
    )

    search_fields = ("title", "body", "source", "region")

    class Meta:
        model = NewsItem
        fields = ["q", "year", "month", "region"]
