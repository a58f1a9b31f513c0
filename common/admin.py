from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _


class PublicationAdminMixin:
    """Making records public or internal from the list, one by one so the history keeps it."""

    actions = ["make_public", "make_internal"]

    def view_on_site(self, record):
        """ "在站点上查看" only where visitors can see the record; elsewhere it would be a 404."""
        if type(record).objects.published().filter(pk=record.pk).exists():
            return record.get_absolute_url()
        return None

    @admin.action(description=_("公开所选记录"), permissions=["change"])
    def make_public(self, request, queryset):
        for record in queryset:
            record.make_public()
        self._report(request, queryset, _("已公开 %(count)d 条记录。"))

    @admin.action(description=_("将所选记录设为内部"), permissions=["change"])
    def make_internal(self, request, queryset):
        for record in queryset:
            record.make_internal()
        self._report(request, queryset, _("已将 %(count)d 条记录设为内部。"))

    def _report(self, request, queryset, message):
        self.message_user(request, message % {"count": queryset.count()}, messages.SUCCESS)
