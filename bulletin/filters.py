import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import SearchFilterSet, SortFilter, month_filter, year_filter

from .models import Issue, NewsItem


class IssueFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年份"), min_value=2000, max_value=2100)

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
