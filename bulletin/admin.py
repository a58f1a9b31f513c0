from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import AttachmentInline, VersionedAdminMixin
from imports.admin import RecordAdmin

from .issue_admin import IssueAdmin
from .models import Issue, NewsAttachment, NewsItem, SecretariatProfile
from .resources import NewsItemResource


class NewsAttachmentInline(AttachmentInline):
    model = NewsAttachment


@admin.register(NewsItem)
class NewsItemAdmin(RecordAdmin):
    resource_classes = [NewsItemResource]
    list_display = ["title", "date", "region", "source", "is_public"]
    list_filter = ["is_public", "region", "source"]
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
