import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.filters import (
    SearchFilterSet,
    SortFilter,
    kept_choices,
    month_filter,
    year_filter,
)

from .models import CommentRequest, Committee, Standard

# The choices are tested with EXISTS: a join with DISTINCT reads every standard on every page.


def public_committees(request):
    return kept_choices(
        "standards.committees",
        Committee.objects.filter(
            Exists(Standard.objects.published().filter(committee=OuterRef("pk")))
        ),
    )


def proposers(request):
    return kept_choices(
        "standards.proposers",
        Committee.objects.filter(
            Exists(CommentRequest.objects.published().filter(proposer=OuterRef("pk")))
        ),
    )


class StandardFilter(SearchFilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("归口委员会"), queryset=public_committees, empty_label=_("全部")
    )
    level = django_filters.ChoiceFilter(
        label=_("标准层级"), choices=Standard.Level.choices, empty_label=_("全部")
    )
    stage = django_filters.ChoiceFilter(
        label=_("阶段"), choices=Standard.Stage.choices, empty_label=_("全部")
    )
    work_type = django_filters.ChoiceFilter(
        label=_("制修订"), choices=Standard.WorkType.choices, empty_label=_("全部")
    )
    year = django_filters.NumberFilter(
        label=_("计划年份"), method="filter_plan_year", min_value=1990, max_value=2100
    )
    sort = SortFilter(
        label=_("排序"),
        empty_label=_("默认"),
        fields=[("plan_number", "plan_number"), ("title", "title"), ("updated_at", "updated")],
        field_labels={
            "plan_number": _("计划号"),
            "title": _("标准名称"),
            "updated": _("更新时间"),
        },
    )

    search_fields = ("plan_number", "number", "title", "english_title", "adopted_international")

    class Meta:
        model = Standard
        fields = ["q", "committee", "level", "stage", "work_type", "year"]

    def filter_plan_year(self, queryset, name, value):
        return queryset.filter(plan_number__startswith=f"{int(value):04d}")


class CommentRequestFilter(SearchFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=CommentRequest.STATES,
        method="filter_status",
        empty_label=_("全部"),
    )
    level = django_filters.ChoiceFilter(
        field_name="standard__level",
        label=_("标准层级"),
        choices=Standard.Level.choices,
        empty_label=_("全部"),
    )
    proposer = django_filters.ModelChoiceFilter(
        label=_("提出单位"), queryset=proposers, empty_label=_("全部")
    )
    committee = django_filters.ModelChoiceFilter(
        field_name="standard__committee",
        label=_("归口委员会"),
        queryset=public_committees,
        empty_label=_("全部"),
    )
    year = year_filter("start_date")
    month = month_filter("start_date")
    sort = SortFilter(
        label=_("排序"),
        empty_label=_("默认"),
        fields=[("end_date", "deadline"), ("start_date", "start"), ("standard__title", "title")],
        field_labels={
            "deadline": _("截止日期"),
            "start": _("开始日期"),
            "title": _("标准名称"),
        },
    )

    search_fields = (
        "standard__title",
        "standard__plan_number",
        "standard__number",
        "proposer__name",
    )

    class Meta:
        model = CommentRequest
        fields = ["q", "status", "level", "proposer", "committee", "year", "month"]

    def filter_status(self, queryset, name, value):
        return queryset.in_state(value, timezone.localdate())


class CommitteeFilter(SearchFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("类别"),
        choices=Committee.Kind.choices,
        empty_label=_("全部"),
    )
    sort = SortFilter(
        label=_("排序"),
        empty_label=_("默认"),
        fields=[("name", "name"), ("code", "code")],
        field_labels={"name": _("名称"), "code": _("编号")},
    )

    search_fields = ("name", "short_name", "code")

    class Meta:
        model = Committee
        fields = ["q", "kind"]
