from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import AttachmentInline, TabularInline, TextValuesListFilter
from imports.admin import LargeRecordAdmin

from .models import Meeting, MeetingAttachment, MeetingPhoto, MeetingSection
from .resources import MeetingResource


class MeetingSectionInline(admin.StackedInline):
    model = MeetingSection
    extra = 0
    fields = [("heading", "order"), "body"]
    ordering = ["order", "pk"]


class MeetingPhotoInline(TabularInline):
    model = MeetingPhoto
    extra = 0
    fields = ["image", "caption", "order"]


class MeetingAttachmentInline(AttachmentInline):
    model = MeetingAttachment


@admin.register(Meeting)
class MeetingAdmin(LargeRecordAdmin):
    resource_classes = [MeetingResource]
    list_display = ["title", "organiser", "dates", "mode", "city", "participants", "is_public"]
    list_filter = [
        "is_public",
        "mode",
        ("organiser", admin.RelatedOnlyFieldListFilter),
        ("city", TextValuesListFilter),
    ]
    search_fields = ["title", "organiser__name", "organiser__short_name", "city", "attendees"]
    autocomplete_fields = ["organiser", "related_standards", "reviews"]
    date_hierarchy = "start_date"
    list_select_related = ["organiser"]
    readonly_fields = ["generated_lead"]
    ordering = ["-start_date", "-pk"]  # editors work on the latest
    inlines = [MeetingSectionInline, MeetingPhotoInline, MeetingAttachmentInline]
    fieldsets = [
        (None, {"fields": ["title", "organiser", ("start_date", "end_date"), "is_public"]}),
        (_("形式与地点"), {"fields": [("mode", "city", "venue")]}),
        (
            _("参会情况"),
            {
                "fields": [
                    ("participant_count", "participant_count_qualifier", "participant_unit"),
                    "participant_role",
                    "attendees",
                    "generated_lead",
                    "summary",
                ]
            },
        ),
        (_("相关标准"), {"fields": ["related_standards", "reviews"]}),
    ]

    @admin.display(description=_("会议日期"), ordering="start_date")
    def dates(self, meeting):
        return f"{meeting.start_date.year}年{meeting.dates_display}"

    @admin.display(description=_("自动生成的开头"))
    def generated_lead(self, meeting):
        # What the bulletin prints when 会议概况 is left empty, as of the last save.
        return meeting.generated_lead if meeting.pk else "—"

    @admin.display(description=_("参会"), ordering="participant_count")
    def participants(self, meeting):
        return meeting.participants_display or "—"
