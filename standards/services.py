"""A comment request or a review entered with its standard: found, or created with it."""

from django.db import IntegrityError, transaction

from .models import Standard


def find_standard(plan_number="", title=""):
    """The standard of a plan number, or without one the first of a title, as imports find it."""
    if plan_number:
        return Standard.objects.filter(plan_number=plan_number).first()
    if title:
        return Standard.objects.filter(title=title).order_by("pk").first()
    return None


def new_standard(*, plan_number, title, level, stage, **fields):
    """An unsaved standard, its level from the plan number's letter whenever it has one."""
    level = Standard.level_of_plan_number(plan_number) or level
    return Standard(plan_number=plan_number, title=title, level=level, stage=stage, **fields)


@transaction.atomic
def save_with_standard(record, standard, save):
    """Save `record` on `standard`, the standard first when it is new; `save` saves the record
    (the admin's own save, with its checks). Returns the standard the record is on."""
    if standard.pk is None:
        standard = _stored(standard)
    record.standard = standard
    save()
    return standard


def _stored(standard):
    try:
        with transaction.atomic():
            standard.save()
    except IntegrityError:
        # Its plan number was entered by someone else since the form was checked: theirs it is.
        existing = find_standard(standard.plan_number) if standard.plan_number else None
        if existing is None:
            raise
        return existing
    return standard
