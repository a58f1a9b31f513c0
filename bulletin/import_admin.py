"""Background imports in the admin: read-only, seen by whoever may import that kind of record."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .imports import fail_stale_imports, kinds_importable_by


class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_filename", "kind", "status", "progress", "requested_by", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["original_filename"]
    date_hierarchy = "created_at"
    list_select_related = ["requested_by"]
    fields = [
        ("kind", "original_filename"),
        ("status", "progress"),
        "options_display",
        "summary",
        "errors",
        "requester",
        ("created_at", "started_at", "finished_at"),
        "task_id",
    ]
    # The rest are shown read-only anyway: nobody may change a job.
    readonly_fields = ["progress", "options_display", "summary", "errors", "requester"]

    @admin.display(description=_("进度"))
    def progress(self, job):
        return _("%(done)d / %(total)d 行") % {"done": job.rows_done, "total": job.rows_total}

    @admin.display(description=_("发起人"))
    def requester(self, job):
        # The name only: editors may not open user accounts.
        return job.requested_by or "—"

    @admin.display(description=_("导入选项"))
    def options_display(self, job):
        options = job.options
        parts = []
        if options.get("year"):
            parts.append(_("表中日期的年份：%(year)s") % {"year": options["year"]})
        if options.get("level"):
            parts.append(_("标准层级：%(level)s") % {"level": options["level"]})
        return "；".join(str(part) for part in parts) or "—"

    @admin.display(description=_("导入结果"))
    def summary(self, job):
        if job.is_active:
            return "—"
        return job.import_report().summary()

    @admin.display(description=_("错误"))
    def errors(self, job):
        errors = job.import_report().errors
        if not errors:
            return "—"
        return format_html(
            '<ol class="import-errors">{}</ol>',
            format_html_join("", "<li>{}</li>", ((error,) for error in errors)),
        )

    # A job whose worker was killed is failed when anyone looks at the jobs.
    def changelist_view(self, request, extra_context=None):
        fail_stale_imports()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        fail_stale_imports()
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        jobs = super().get_queryset(request)
        if request.user.has_perm("bulletin.view_importjob"):
            return jobs
        return jobs.filter(kind__in=kinds_importable_by(request.user))

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        kinds = kinds_importable_by(request.user)
        return bool(kinds) if obj is None else obj.kind in kinds

    # Jobs are made by importing a file and changed only by their task.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
