"""What a browser would post back from an admin change page."""

from django.db.models.fields.files import FieldFile


def change_form_data(response):
    """The page's form and inline forms as they were filled in, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(value, FieldFile):
                continue  # a file input is posted empty: the stored file stays
            if isinstance(value, (list, tuple)):
                data[form.add_prefix(name)] = [getattr(v, "pk", v) for v in value]
            else:
                data[form.add_prefix(name)] = "" if value is None else value
    return data
