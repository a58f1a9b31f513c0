from functools import partial
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import NoticeDateAdminMixin, TabularInline, VersionedAdminMixin
from common.admin_deletion import ProtectedDeletionMixin
from common.filters import BoundedAdminSearchMixin
from common.paginators import LargeListAdminMixin
from imports.admin import LargeRecordAdmin, SpreadsheetImportAdminMixin

from . import services
from .forms import NEW_STANDARD_FIELDS, CommentRequestForm, ReviewForm
from .models import CommentRequest, Committee, Review, Standard
from .resources import CommentRequestResource, CommitteeResource, StandardResource


class CommitteeSearchMixin:
    """Committees found as the secretariat names them (CommitteeQuerySet.matching): in the
    list's search and in every autocomplete of one, an organiser, a proposer or a parent."""

    def get_search_results(self, request, queryset, search_term):
        return queryset.matching(search_term), False


class StandardEntryAdminMixin:
    """A record entered with its standard (forms.StandardEntryForm): a new standard saved with
    the record, and the values a batch shares carried to its next record."""

    # What the next record starts with after "保存并增加另一个": one notice opens many.
    carried_over = ()

    def may_add_standard(self, request):
        return request.user.has_perm("standards.add_standard")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.may_add_standard(request):
            return fieldsets
        hidden = set(NEW_STANDARD_FIELDS.values())
        return [
            (name, {**options, "fields": _without(options["fields"], hidden)})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_add_standard = self.may_add_standard(request)
        if "standard" in form.base_fields:
            form.base_fields["standard"].widget.can_add_related = False  # it is added in place
        return form

    def save_model(self, request, obj, form, change):
        if form.new_standard is None:
            super().save_model(request, obj, form, change)
        else:
            save = partial(super().save_model, request, obj, form, change)
            standard = services.save_with_standard(obj, form.new_standard, save)
            if standard is form.new_standard:
                self.message_user(
                    request,
                    _("已新建标准“%(standard)s”（%(level)s）。")
                    % {"standard": standard, "level": standard.get_level_display()},
                    messages.INFO,
                )
        if form.found_standard is not None:
            self.message_user(
                request,
                _("已使用已有的标准“%(standard)s”。") % {"standard": form.found_standard},
                messages.INFO,
            )

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST and isinstance(response, HttpResponseRedirect):
            values = {
                name: request.POST[name] for name in self.carried_over if request.POST.get(name)
            }
            if values:
                joiner = "&" if "?" in response["Location"] else "?"
                response["Location"] += joiner + urlencode(values)
        return response


def _without(fields, hidden):
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            field = tuple(name for name in field if name not in hidden)
            if field:
                kept.append(field)
        elif field not in hidden:
            kept.append(field)
    return kept


@admin.register(Committee)
class CommitteeAdmin(
    BoundedAdminSearchMixin,
    CommitteeSearchMixin,
    VersionedAdminMixin,
    SpreadsheetImportAdminMixin,
    SimpleHistoryAdmin,
    ImportExportModelAdmin,
):
    resource_classes = [CommitteeResource]
    list_display = ["name", "short_name", "code", "kind", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


class PlanYearFilter(admin.SimpleListFilter):
    title = _("计划年份")
    parameter_name = "plan_year"

    def lookups(self, request, model_admin):
        # The years from the earliest plan to the latest, read at the two ends of an index; the
        # distinct years of every plan number took a scan of the table on each page of the list.
        numbers = Standard.objects.filter(plan_number__gt="").values_list("plan_number", flat=True)
        ends = [numbers.order_by("plan_number").first(), numbers.order_by("-plan_number").first()]
        years = [number[:4] for number in ends if number and number[:4].isdigit()]
        if not years:
            return []
        return [(str(year), str(year)) for year in range(int(max(years)), int(min(years)) - 1, -1)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(plan_number__startswith=self.value())
        return queryset


class ReviewInline(NoticeDateAdminMixin, TabularInline):
    model = Review
    extra = 0
    fields = ["start_date", "end_date", "note"]


@admin.register(Standard)
class StandardAdmin(LargeRecordAdmin):
    resource_classes = [StandardResource]
    list_display = [
        "plan_number",
        "number",
        "title",
        "level_code",
        "work_type",
        "stage",
        "field",
        "is_public",
    ]
    list_display_links = ["plan_number", "number", "title"]
    list_filter = [
        "is_public",
        "level",
        "stage",
        "work_type",
        ("committee", admin.RelatedOnlyFieldListFilter),
        PlanYearFilter,
    ]
    search_fields = ["plan_number", "number", "title", "english_title", "adopted_international"]
    autocomplete_fields = ["committee"]
    list_select_related = ["committee"]
    inlines = [ReviewInline]
    fieldsets = [
        (None, {"fields": ["title", "english_title", ("plan_number", "number")]}),
        (_("分类"), {"fields": [("level", "work_type", "stage"), "committee"]}),
        (_("其他"), {"fields": ["adopted_international", "is_public"]}),
    ]

    @admin.display(description=_("层级"), ordering="level")
    def level_code(self, standard):
        return standard.level_code

    @admin.display(description=_("领域"), ordering="committee__short_name")
    def field(self, standard):
        return standard.field_display or "—"


@admin.register(Review)
class ReviewAdmin(
    StandardEntryAdminMixin,
    NoticeDateAdminMixin,
    BoundedAdminSearchMixin,
    ProtectedDeletionMixin,
    LargeListAdminMixin,
    SimpleHistoryAdmin,
):
    form = ReviewForm
    list_display = ["plan_number", "standard_title", "field", "dates", "review_meeting"]
    list_filter = [("standard__committee", admin.RelatedOnlyFieldListFilter), "standard__level"]
    search_fields = ["standard__title", "standard__plan_number", "standard__number"]
    autocomplete_fields = ["standard"]
    date_hierarchy = "start_date"
    list_select_related = ["standard__committee"]
    fieldsets = [
        (
            _("标准"),
            {
                "fields": [
                    "standard",
                    ("new_plan_number", "new_title"),
                    ("new_level", "new_work_type", "new_committee"),
                ]
            },
        ),
        (_("审查"), {"fields": ["period", "note"]}),
    ]
    carried_over = ["period"]

    @admin.display(description=_("计划号"), ordering="standard__plan_number")
    def plan_number(self, review):
        return review.standard.plan_number

    @admin.display(description=_("项目名称"), ordering="standard__title")
    def standard_title(self, review):
        return review.standard.title

    @admin.display(description=_("领域"))
    def field(self, review):
        return review.standard.field_display or "—"

    @admin.display(description=_("审查时间"), ordering="start_date")
    def dates(self, review):
        return review.dates_display

    @admin.display(description=_("审查会"))
    def review_meeting(self, review):
        # The meeting is linked from the meetings app, which this app does not import.
        return "、".join(meeting.title for meeting in review.meetings.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("meetings")


class CommentStatusFilter(admin.SimpleListFilter):
    title = _("征求状态（今天）")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return CommentRequest.STATES

    def queryset(self, request, queryset):
        return queryset.in_state(self.value(), timezone.localdate())


@admin.register(CommentRequest)
class CommentRequestAdmin(StandardEntryAdminMixin, LargeRecordAdmin):
    form = CommentRequestForm
    resource_classes = [CommentRequestResource]
    list_display = ["standard_title", "level", "proposer", "period", "status", "is_public"]
    list_filter = [
        CommentStatusFilter,
        "is_public",
        "standard__level",
        ("proposer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "standard__title",
        "standard__plan_number",
        "standard__number",
        "proposer__name",
        "reply_to",
    ]
    autocomplete_fields = ["standard", "proposer"]
    date_hierarchy = "start_date"
    list_select_related = ["standard", "proposer"]
    fieldsets = [
        (
            _("标准"),
            {
                "fields": [
                    "standard",
                    ("new_plan_number", "new_title"),
                    ("new_level", "new_work_type", "new_committee"),
                ],
                "description": _("新标准的归口委员会不填时，提出单位是委员会的即取提出单位。"),
            },
        ),
        (_("征求意见"), {"fields": ["proposer", "period", "reply_to", "link", "is_public"]}),
    ]
    carried_over = ["proposer", "period", "new_level"]
    ordering = ["-start_date", "-pk"]  # editors work on the latest

    @admin.display(description=_("标准名称"), ordering="standard__title")
    def standard_title(self, comment_request):
        return comment_request.standard.title

    @admin.display(description=_("层级"), ordering="standard__level")
    def level(self, comment_request):
        return comment_request.standard.level_code

    @admin.display(description=_("意见征求期"), ordering="end_date")
    def period(self, comment_request):
        return comment_request.period_display

    @admin.display(description=_("状态"))
    def status(self, comment_request):
        return comment_request.status_label()
