import logging
from functools import cache

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from bulletin.imports import queue_import

from .import_formats import SpreadsheetFormat, already_read, errors_to_show
from .import_uploads import (
    PreviewStorage,
    limit_import_upload,
    remove_old_previews,
    upload_refused_message,
)
from .models import StaleRecordError
from .spreadsheets import SpreadsheetError, read_dataset

logger = logging.getLogger(__name__)


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


# Optimistic locking ---------------------------------------------------------------------------


def stale_message(record):
    """Who saved the record last and when, for the editor whose save was refused."""
    fresh = type(record)._base_manager.get(pk=record.pk)
    last = fresh.history.order_by("-history_date").first() if hasattr(fresh, "history") else None
    who = last.history_user if last and last.history_user else _("他人")
    when = localize(localtime(last.history_date)) if last else ""
    return _(
        "%(kind)s“%(record)s”已于 %(when)s 被 %(who)s 修改，您的修改没有保存，以免覆盖对方的"
        "内容。请重新打开本页，在最新内容上再做修改。"
    ) % {"kind": type(record)._meta.verbose_name, "record": fresh, "when": when, "who": who}


class StaleCheckFormMixin:
    """Refuse the form of a record saved by someone else since the page was opened."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "version" in self.fields:
            stored = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is not None and stored != cleaned_data.get("version"):
                raise forms.ValidationError(stale_message(self.instance), code="stale")
        return cleaned_data


class VersionedAdminMixin:
    """The change page of a VersionedModel: its version goes out hidden and comes back checked.

    The form check gives the message; the model's save still refuses a save that slips in
    between the check and the write, here turned into a refusal with the same message.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "version"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets  # nothing is saved over another copy on these pages
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *fieldsets[1:]]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (StaleCheckFormMixin, form), {})

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except StaleRecordError:
            raise PermissionDenied(stale_message(obj)) from None

    def save_formset(self, request, form, formset, change):
        try:
            super().save_formset(request, form, formset, change)
        except StaleRecordError as stale:
            raise PermissionDenied(stale_message(stale.record)) from None


# Spreadsheet imports ---------------------------------------------------------------------------

IMPORT_OPTIONS = ("year", "level")
LEVEL_CHOICES = [
    ("", "—"),
    ("表2", _("表2：强制性国家标准")),
    ("表3", _("表3：推荐性国家标准")),
    ("表4", _("表4：汽车行业标准")),
]


class SpreadsheetImportForm(ImportForm):
    """The file, and how to read what the table leaves out: the dates' year, the level."""

    year = forms.IntegerField(
        label=_("表中日期的年份"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("用于没有写年份的日期，如“6月28-30日”。"),
    )
    level = forms.ChoiceField(
        label=_("标准层级（表2/表3/表4）"),
        required=False,
        choices=LEVEL_CHOICES,
        help_text=_("表中没有“层级”列、也没有计划号时，新标准的层级。"),
    )

    def __init__(
        self, formats, resources, *, options=IMPORT_OPTIONS, upload_refused=False, **kwargs
    ):
        super().__init__(formats, resources, **kwargs)
        # An empty file is refused by our reader, with its own message.
        self.fields["import_file"].allow_empty_file = True
        if upload_refused:  # stopped while it came in (common.import_uploads): no file arrived
            self.fields["import_file"].error_messages["required"] = upload_refused_message()
        for name in IMPORT_OPTIONS:
            if name not in options:
                del self.fields[name]


class SpreadsheetConfirmForm(ConfirmImportForm):
    """The confirm step imports with the options the preview used."""

    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    level = forms.ChoiceField(required=False, choices=LEVEL_CHOICES, widget=forms.HiddenInput)


def chosen_options(form):
    cleaned_data = getattr(form, "cleaned_data", {})
    return {name: cleaned_data[name] for name in IMPORT_OPTIONS if cleaned_data.get(name)}


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

    One format (CSV in any of Excel's encodings, or XLSX); the year of dates written without one
    and, where `import_options` has it, the level of the table; every error by row, column and
    value; a file of more than IMPORT_BACKGROUND_ROWS rows imported as a background task. The
    upload is stopped at IMPORT_MAX_BYTES while it streams in, the file is read once, and the copy
    kept for the confirmation is removed whatever the outcome.
    """

    import_formats = [SpreadsheetFormat]
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    tmp_storage_class = PreviewStorage
    import_options = ("year",)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != name]
        view = limit_import_upload(self.admin_site.admin_view(self.import_action))
        return [path("import/", view, name=name), *urls]

    def get_import_form_kwargs(self, request):
        refused = getattr(request, "import_upload_refused", False)
        return {
            **super().get_import_form_kwargs(request),
            "options": self.import_options,
            "upload_refused": refused,
        }

    def get_import_form_initial(self, request):
        return {**super().get_import_form_initial(request), "year": timezone.localdate().year}

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
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            logger.warning("Spreadsheet not read", exc_info=e)
            form.add_error("import_file", _("无法读取这个文件：请上传 XLSX 或 CSV 文件。"))

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
            url = reverse(
                "admin:bulletin_importjob_change", args=[job.pk], current_app=self.admin_site.name
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
