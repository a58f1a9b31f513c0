"""The issue's entries in the admin: one table per kind of record, in the editor's order."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin import TabularInline

from .models import IssueCommentRequest, IssueMeeting, IssueNewsItem, IssueReview


class ChosenRecord(forms.HiddenInput):
    """An entry's record once chosen: its whole title as text that wraps, its id kept hidden.

    The autocomplete box cut long titles off at its width; a chosen record is not chosen again
    (an entry is removed and another added), so its row needs the title, not the box.
    """

    is_hidden = False  # the table gives it a cell of its own, under its column's heading

    def __init__(self, record, attrs=None):
        super().__init__(attrs)
        self.record = record

    def render(self, name, value, attrs=None, renderer=None):
        hidden = super().render(name, value, attrs, renderer)
        return format_html('{}<span class="entry-title">{}</span>', hidden, self.record)


class EntryForm(forms.ModelForm):
    """A chosen record shown whole; the place of an entry added by hand left empty means last
    (IssueEntry.save), so it does not jump first with the model's 0."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record_field = self._meta.model.record_field
        if self.instance.pk:
            record = getattr(self.instance, record_field)
            self.fields[record_field].widget = ChosenRecord(record)
        order = self.fields["order"]
        order.required = False
        order.help_text = _("留空则排在最后。")
        if not self.instance.pk:
            order.initial = None
            self.initial.pop("order", None)


class EntryInline(TabularInline):
    """Entries are chosen and ordered only while the issue is a draft."""

    form = EntryForm
    extra = 0
    fields = ["order"]
    related = []  # what its rows print, read with the entries

    def get_fields(self, request, obj=None):
        return [self.model.record_field, *self.details, "order"]

    def get_readonly_fields(self, request, obj=None):
        return self.details

    def get_autocomplete_fields(self, request):
        return [self.model.record_field]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.model.record_field, *self.related)

    def _editable(self, obj):
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class IssueReviewInline(EntryInline):
    model = IssueReview
    details = ["plan_number", "dates"]
    related = ["review__standard"]

    @admin.display(description=_("计划号"))
    def plan_number(self, entry):
        return entry.review.standard.plan_number if entry.pk else ""

    @admin.display(description=_("审查时间"))
    def dates(self, entry):
        return entry.review.dates_display if entry.pk else ""


class IssueCommentRequestInline(EntryInline):
    model = IssueCommentRequest
    details = ["level", "period"]
    related = ["comment_request__standard"]

    @admin.display(description=_("标准层级"))
    def level(self, entry):
        return entry.comment_request.standard.get_level_display() if entry.pk else ""

    @admin.display(description=_("意见征求期"))
    def period(self, entry):
        return entry.comment_request.period_display if entry.pk else ""


class IssueMeetingInline(EntryInline):
    model = IssueMeeting
    details = ["dates"]

    @admin.display(description=_("会议日期"))
    def dates(self, entry):
        return entry.meeting.dates_display if entry.pk else ""


class IssueNewsItemInline(EntryInline):
    model = IssueNewsItem
    details = ["date"]

    @admin.display(description=_("日期"))
    def date(self, entry):
        return entry.news_item.date or "—" if entry.pk else ""
