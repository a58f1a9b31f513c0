"""Imports in the admin: the import page of every app's records, and the background jobs.

SpreadsheetImportAdminMixin gives a ModelAdmin of django-import-export our reader, its kind's
options (imports.registry) and our report; ImportJobAdmin lists the jobs, read-only, to whoever
may import that kind of record.
"""

import logging
from functools import cache

from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import (
    AutocompleteAdminMixin,
    NoticeDateAdminMixin,
    PublicationAdminMixin,
    VersionedAdminMixin,
)
from common.admin_deletion import ProtectedDeletionMixin
from common.filters import BoundedAdminSearchMixin
from common.paginators import LargeListAdminMixin
from common.spreadsheets import SpreadsheetError, read_dataset

from . import registry
from .formats import SpreadsheetFormat, already_read, errors_to_show
from .forms import SpreadsheetConfirmForm, SpreadsheetImportForm, chosen_options, initial_options
from .models import ImportJob
from .services import fail_stale_imports, kinds_importable_by, queue_import
from .uploads import PreviewStorage, limit_import_upload, remove_old_previews

logger = logging.getLogger(__name__)


class ReportingResourceMixin:
    """Leaves the import's report (rows as numbered in the file) on its result."""

    def import_data(self, dataset, dry_run=False, **kwargs):
        result = super().import_data(dataset, dry_run=dry_run, **kwargs)
        result.report = self.report(result, dry_run=dry_run)
        return result


@cache
def reporting_resource(resource_class):
    return type(resource_class.__name__, (ReportingResourceMixin, resource_class), {})


class SpreadsheetImportAdminMixin:
    """django-import-export's import page, reading files as the rest of the project does.

    One format (CSV in any of Excel's encodings, or XLSX), or a table pasted from a notice and
    read as the CSV file it would be (imports.forms); the options its kind registers
    (imports.registry: the year of dates written without one, the level of a table of
    standards); every error by row, column and value; a file of more than
    IMPORT_BACKGROUND_ROWS rows imported as a background task. The
    upload is stopped at IMPORT_MAX_BYTES while it streams in, the file is read once, and the copy
    kept for the confirmation is removed whatever the outcome.
    """

    import_formats = [SpreadsheetFormat]
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    tmp_storage_class = PreviewStorage

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != name]
        view = limit_import_upload(self.admin_site.admin_view(self.import_action))
        return [path("import/", view, name=name), *urls]

    def create_import_form(self, request):
        # One form for the request: the library makes its own after ours, and a pasted table
        # must be the same file in both (its preview copy is named on it).
        if getattr(request, "import_form", None) is None:
            request.import_form = super().create_import_form(request)
        return request.import_form

    def get_import_form_kwargs(self, request):
        kwargs = super().get_import_form_kwargs(request)  # reads the body: the upload stops here
        return {
            **kwargs,
            "options": self.import_options(request),
            "upload_refused": getattr(request, "import_upload_refused", False),
        }

    def import_options(self, request):
        """The options of the kinds this page imports, each once."""
        found = {}
        for resource_class in self.get_import_resource_classes(request):
            for option in registry.kind_of(resource_class).options:
                found.setdefault(option.name, option)
        return list(found.values())

    def get_import_form_initial(self, request):
        return {**super().get_import_form_initial(request), **initial_options()}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial.update(chosen_options(import_form))
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.pop("form", None)
        return {**super().get_import_resource_kwargs(request, **kwargs), **chosen_options(form)}

    def choose_import_resource_class(self, form, request):
        return reporting_resource(super().choose_import_resource_class(form, request))

    def add_data_read_fail_error_to_form(self, form, e):
        field = "pasted_table" if getattr(form, "pasted", False) else "import_file"
        if isinstance(e, SpreadsheetError):
            form.add_error(field, str(e))
        else:
            logger.warning("Spreadsheet not read", exc_info=e)
            form.add_error(field, _("无法读取这个文件：请上传 XLSX 或 CSV 文件。"))

    def write_to_tmp_storage(self, import_file, input_format):
        # The library's own copy grows its bytes chunk by chunk, in quadratic time.
        storage = self.get_tmp_storage_class()(**self.get_tmp_storage_class_kwargs())
        storage.save(b"".join(import_file.chunks()))
        return storage

    def import_action(self, request, **kwargs):
        if request.method != "POST" or not self.has_import_permission(request):
            return self._import_page(request, **kwargs)
        remove_old_previews()
        form = self.create_import_form(request)
        if not form.is_valid():
            response = self._import_page(request, **kwargs)
            if getattr(request, "import_upload_refused", False):
                response.status_code = 413
            return response
        upload = form.cleaned_data["import_file"]
        content = b"".join(upload.chunks())
        try:
            read = read_dataset(content, upload.name)
        except SpreadsheetError as error:
            read = error
        if not isinstance(read, SpreadsheetError) and len(read) > settings.IMPORT_BACKGROUND_ROWS:
            job = queue_import(
                super().choose_import_resource_class(form, request),
                content,
                upload.name,
                chosen_options(form),
                request.user,
                len(read),
            )
            self.message_user(request, _("文件较大，已在后台导入，可在此查看进度。"), messages.INFO)
            opts = ImportJob._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[job.pk],
                current_app=self.admin_site.name,
            )
            return redirect(url)
        with already_read(read):
            response = self._import_page(request, **kwargs)
        if response.context_data.get("confirm_form") is None:
            # Nothing will confirm the file: its copy goes (the library names it on the upload).
            name = getattr(upload, "tmp_storage_name", None)
            if name:
                self.get_tmp_storage_class()(name=name).remove()
        return response

    def _import_page(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        report = getattr(response.context_data.get("result"), "report", None)
        if report is not None:
            response.context_data["import_report"] = report
            response.context_data["import_errors"] = errors_to_show(report)
        return response

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except SpreadsheetError as error:  # the copy changed since its preview
            return self._back_to_import(request, str(error))
        except FileNotFoundError:  # the copy was removed, or never one of ours
            return self._back_to_import(request, _("预览过的文件已不在，请重新上传。"))
        finally:
            # Whatever happened to it (the library removes it only when all went well).
            name = request.POST.get("import_file_name")
            if name:
                self.get_tmp_storage_class()(name=name).remove()

    def process_result(self, result, request):
        report = result.report
        if report.ok:
            return super().process_result(result, request)
        # The file changed nothing (the records changed since the preview): say why.
        errors = [str(error) for error in errors_to_show(report)[:5]]
        return self._back_to_import(request, " ".join([report.summary(), *errors]))

    def _back_to_import(self, request, message):
        self.message_user(request, message, messages.ERROR)
        url = f"admin:{self.opts.app_label}_{self.opts.model_name}_import"
        return redirect(reverse(url, current_app=self.admin_site.name))

    def add_success_message(self, result, request):
        self.message_user(request, result.report.summary(), messages.SUCCESS)


class RecordAdmin(
    AutocompleteAdminMixin,
    NoticeDateAdminMixin,
    BoundedAdminSearchMixin,
    ProtectedDeletionMixin,
    VersionedAdminMixin,
    SpreadsheetImportAdminMixin,
    PublicationAdminMixin,
    SimpleHistoryAdmin,
    ImportExportModelAdmin,
):
    """The admin of a record editors keep: dates as notices write them, a bounded search,
    deletion refused while a published issue holds it, saves checked against each other,
    spreadsheet import and export, the public/internal actions and the history; its
    autocompletes' empty choice named."""


class LargeRecordAdmin(LargeListAdminMixin, RecordAdmin):
    """A RecordAdmin for the lists of tens of thousands of rows (estimated counts)."""


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
        parts = [
            option.shown_as % {option.name: job.options[option.name]}
            for option in registry.options()
            if job.options.get(option.name)
        ]
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
        if request.user.has_perm("imports.view_importjob"):
            return jobs
        return jobs.filter(kind__in=kinds_importable_by(request.user))

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        kinds = kinds_importable_by(request.user)
        return bool(kinds) if obj is None else obj.kind in kinds

    # On the admin's index for whoever may import, though no role holds this app's permissions.
    def has_module_permission(self, request):
        return super().has_module_permission(request) or self.has_view_permission(request)

    # Jobs are made by importing a file and changed only by their task.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(ImportJob, ImportJobAdmin)
