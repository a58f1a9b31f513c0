"""Draft from records: an issue is filled with the records of its coverage window."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from .refusals import TransitionRefused


@transaction.atomic
def draft_from_records(issue, user):
    """Add the window's records not offered before and carried by no other issue; returns how
    many of each were added.

    Entries the editor removed stay out and manual order stays: new entries go to the end. The
    issue's history records `user` as who drafted it.
    """
    if not issue.is_editable:
        raise TransitionRefused(_("只有草稿可以从记录起草。"))
    added = {}
    for entry_model, records in issue.candidates().items():
        key = entry_model.record_field
        offered = set(issue.offered.get(key, []))
        entries = entry_model.objects.filter(issue=issue)
        present = set(entries.values_list(f"{key}_id", flat=True))
        order = entries.aggregate(last=Max("order"))["last"] or 0
        in_window = list(records.values_list("pk", flat=True))
        new = []
        for pk in in_window:
            if pk in offered or pk in present:
                continue
            order += 10
            new.append(entry_model(issue=issue, order=order, **{f"{key}_id": pk}))
        entry_model.objects.bulk_create(new)
        issue.offered[key] = sorted(offered | present | set(in_window))
        added[entry_model] = len(new)
    issue._history_user = user
    issue._change_reason = _("从记录起草")
    issue.save()
    return added
