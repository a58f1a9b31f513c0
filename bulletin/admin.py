from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import AttachmentInline, TextValuesListFilter, VersionedAdminMixin
from imports.admin import RecordAdmin

from .issue_admin import IssueAdmin
from .models import Issue, NewsAttachment, NewsItem, SecretariatProfile
from .resources import NewsItemResource


class NewsAttachmentFormSet(BaseInlineFormSet):
    """Refuses a news item with nothing but its title: the item's own form cannot see its
    attachments, so the check is made here, where both are known."""

    def clean(self):
        super().clean()
        news_item = self.instance  # carries the submitted body and link, saved or not
        attached = any(
            form.cleaned_data.get("file") or form.cleaned_data.get("url")
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
        )
        if not (news_item.body or news_item.source_url or attached):
            raise ValidationError(
                _("这条资讯没有内容：请填写正文、添加附件或填写来源链接，至少其一。"),
                code="nothing_to_read",
            )


class NewsAttachmentInline(AttachmentInline):
    model = NewsAttachment
    formset = NewsAttachmentFormSet


@admin.register(NewsItem)
class NewsItemAdmin(RecordAdmin):
    resource_classes = [NewsItemResource]
    list_display = ["title", "date", "region", "source", "is_public"]
    list_filter = ["is_public", ("region", TextValuesListFilter), ("source", TextValuesListFilter)]
    search_fields = ["title", "body", "source"]
    date_hierarchy = "date"
    inlines = [NewsAttachmentInline]
    fields = ["title", ("date", "region"), "body", ("source", "source_url"), "is_public"]


@admin.register(SecretariatProfile)
class SecretariatProfileAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "phone", "email", "website"]
    fieldsets = [
        (None, {"fields": ["name", "logo"]}),
        (_("联系方式"), {"fields": ["address", "postcode", "phone", "email", "website"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SecretariatProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Issue, IssueAdmin)
