"""The admin's import forms: the file, and the options of its kind (imports.registry)."""

from django import forms
from import_export.forms import ConfirmImportForm, ImportForm

from . import registry
from .uploads import upload_refused_message


class SpreadsheetImportForm(ImportForm):
    """The file, and how to read what the table leaves out (its kind's options: the dates'
    year, the level of a table of standards)."""

    def __init__(self, formats, resources, *, options=None, upload_refused=False, **kwargs):
        super().__init__(formats, resources, **kwargs)
        # An empty file is refused by our reader, with its own message.
        self.fields["import_file"].allow_empty_file = True
        if upload_refused:  # stopped while it came in (imports.uploads): no file arrived
            self.fields["import_file"].error_messages["required"] = upload_refused_message()
        for option in registry.options() if options is None else options:
            self.fields[option.name] = option.field()


class SpreadsheetConfirmForm(ConfirmImportForm):
    """The confirm step imports with the options the preview used."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for option in registry.options():
            self.fields[option.name] = option.field(required=False, widget=forms.HiddenInput)


def chosen_options(form):
    cleaned_data = getattr(form, "cleaned_data", {})
    names = [option.name for option in registry.options()]
    return {name: cleaned_data[name] for name in names if cleaned_data.get(name)}


def initial_options():
    return {option.name: option.initial() for option in registry.options() if option.initial}
