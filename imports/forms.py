"""The admin's import forms: the file or a pasted table, and the options of its kind
(imports.registry)."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.forms import ConfirmImportForm, ImportForm

from common.spreadsheets import SpreadsheetError
from common.spreadsheets.pasting import pasted_table, table_columns

from . import registry
from .uploads import upload_refused_message


class ShownChoice(forms.Select):
    """A choice shown as text beside a hidden input (import-export's page does so with its one
    format): its label names no input, since the page has no visible one."""

    def id_for_label(self, id_):
        return None


class SpreadsheetImportForm(ImportForm):
    """The file, or a table pasted from a notice, and how to read what the table leaves out
    (its kind's options: the dates' year, the level of a table of standards).

    A pasted table becomes the CSV file it would be saved as (common.spreadsheets.pasting), so
    that everything after the form reads, previews and confirms it as an uploaded file.
    """

    pasted_table = forms.CharField(
        label=gettext_lazy("或粘贴表格"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100, "spellcheck": "false"}),
    )
    field_order = ["resource", "import_file", "pasted_table", "format"]

    def __init__(self, formats, resources, *, options=None, upload_refused=False, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.resources = resources
        self.upload_refused = upload_refused  # stopped while it came in (imports.uploads)
        self.pasted = False
        upload = self.fields["import_file"]
        upload.required = False  # or a pasted table: see clean()
        # An empty file is refused by our reader, with its own message.
        upload.allow_empty_file = True
        self.fields["pasted_table"].help_text = self._paste_help(resources)
        if self.fields["format"].widget.attrs.get("readonly"):
            # The one format is written out with its value hidden: no input for a label to name.
            self.fields["format"].widget = ShownChoice(self.fields["format"].widget.attrs)
        for option in registry.options() if options is None else options:
            self.fields[option.name] = option.field()

    def _paste_help(self, resources):
        help_text = _(
            "在通知的网页、Word 或 Excel 中选中表格，复制后粘贴到这里，带不带表头均可；"
            "与上传文件一样先预览，确认后才写入。"
        )
        if len(resources) != 1:
            return help_text
        resource = resources[0]()
        columns = table_columns(resource)
        help_text += _("不带表头时，各列应依次为%(columns)s") % {"columns": "、".join(columns)}
        if columns[0] in resource.ignored_columns:
            help_text += _("（%(column)s可省）") % {"column": columns[0]}
        return help_text + "。"

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        text = cleaned_data.get("pasted_table") or ""
        if self.upload_refused:
            self.add_error("import_file", upload_refused_message())
        elif upload and text.strip():
            self.add_error(
                "pasted_table", _("请上传文件或粘贴表格，二者选一：不要同时上传文件又粘贴表格。")
            )
        elif text.strip():
            self._read_pasted(cleaned_data, text)
        elif not upload and "import_file" not in self.errors:
            self.add_error("import_file", _("请选择要导入的文件，或在下面粘贴表格。"))
        return cleaned_data

    def _read_pasted(self, cleaned_data, text):
        """The pasted table as the file the import reads, within the limit of an upload."""
        limit = settings.IMPORT_MAX_BYTES
        if len(text.encode()) > limit:  # before anything is read from it
            self.add_error("pasted_table", paste_too_large(limit))
            return
        try:
            resource_class = self.resources[int(cleaned_data.get("resource") or 0)]
            content, header_added = pasted_table(text, resource_class())
        except SpreadsheetError as error:
            self.add_error("pasted_table", str(error))
            return
        if len(content) > limit:  # its quotes make the file a little larger than the text
            self.add_error("pasted_table", paste_too_large(limit))
            return
        self.pasted = True
        cleaned_data["import_file"] = SimpleUploadedFile(
            _("粘贴的表格") + ".csv", content, content_type="text/csv"
        )
        cleaned_data["header_added"] = header_added


def paste_too_large(limit):
    return _("粘贴的表格超过上限 %(limit)d MB：请分几次粘贴，或另存为文件后分成几个文件导入。") % {
        "limit": limit // 2**20
    }


class SpreadsheetConfirmForm(ConfirmImportForm):
    """The confirm step imports with the options the preview used."""

    # A table pasted without its header row: its rows are numbered as pasted, the first is 1.
    header_added = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for option in registry.options():
            self.fields[option.name] = option.field(required=False, widget=forms.HiddenInput)


def chosen_options(form):
    """What the import's resource is made with: the kind's options the editor chose, and
    whether a pasted table's header row was added."""
    cleaned_data = getattr(form, "cleaned_data", {})
    names = [option.name for option in registry.options()] + ["header_added"]
    return {name: cleaned_data[name] for name in names if cleaned_data.get(name)}


def initial_options():
    return {option.name: option.initial() for option in registry.options() if option.initial}
