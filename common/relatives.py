"""What apps higher up add to the pages of records below them.

A standard's page lists the meetings about it and the issues that mention it, and a meeting's page
the issues that carry it, yet `standards` knows neither app and `meetings` does not know
`bulletin`. The apps above register their templates for a record's page here, in their ready();
the page renders whatever is registered for its slot (`{% related record "sections" %}`), in the
order of INSTALLED_APPS.
"""

_templates = {}


def register(model, slot, template_name):
    """Render `template_name`, with the page's context and `record`, in `slot` of the pages of
    `model` ("app_label.Model")."""
    registered = _templates.setdefault((model.lower(), slot), [])
    if template_name not in registered:
        registered.append(template_name)


def templates_for(record, slot):
    return _templates.get((record._meta.label_lower, slot), [])
