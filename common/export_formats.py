"""The admin's export formats: CSV and XLSX with every formula trigger escaped.

django-import-export writes cells as the resource renders them: a title "=HYPERLINK(…)" went out
as written in the CSV and as a live formula in the XLSX (openpyxl takes any text starting with
"=" for one), and its own escaping only drops a leading "=". Here each cell gets the public
downloads' guard (common.spreadsheets.columns.guard: an apostrophe before =, +, -, @, tab, CR),
which the import takes off again. The settings' EXPORT_FORMATS give these to every admin.
"""

import tablib
from import_export.formats import base_formats


def guarded(dataset):
    """A copy of the dataset with every text cell guarded; the headers are the resource's."""
    # Imported here: the settings import this module, before the apps are ready.
    from .spreadsheets.columns import guard

    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([guard(cell) for cell in row])
    return safe


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        # The byte order mark makes Excel read the file as UTF-8, as the public downloads do.
        return "\ufeff" + super().export_data(guarded(dataset), **kwargs)


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(guarded(dataset), **kwargs)
