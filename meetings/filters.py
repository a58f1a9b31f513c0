import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from common.filters import (
    SearchFilterSet,
    SortFilter,
    kept_choices,
    month_filter,
    year_filter,
)
from standards.models import Committee

from .models import Meeting


def organisers(request):
    # EXISTS, not a join with DISTINCT, which reads every meeting on every page.
    return kept_choices(
        "meetings.organisers",
        Committee.objects.filter(
            Exists(Meeting.objects.published().filter(organiser=OuterRef("pk")))
        ),
    )


class MeetingFilter(SearchFilterSet):
    organiser = django_filters.ModelChoiceFilter(
        label=_("组织单位"), queryset=organisers, empty_label=_("全部")
    )
    mode = django_filters.ChoiceFilter(
        label=_("形式"), choices=Meeting.Mode.choices, empty_label=_("全部")
    )
    year = year_filter("start_date")
    month = month_filter("start_date")
    sort = SortFilter(
        label=_("排序"),
        empty_label=_("默认"),
        fields=[("start_date", "date"), ("title", "title"), ("participant_count", "participants")],
        field_labels={"date": _("日期"), "title": _("会议名称"), "participants": _("参会人数")},
    )

    search_fields = ("title", "organiser__name", "organiser__short_name", "city", "venue")

    class Meta:
        model = Meeting
        fields = ["q", "organiser", "mode", "year", "month"]
