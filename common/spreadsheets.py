"""Spreadsheet imports shared by every app: a file is written whole or not at all."""

from django.db import router, transaction
from import_export import resources


class AllOrNothingResource(resources.ModelResource):
    """A resource whose import writes nothing when any row is invalid.

    django-import-export rolls back on row exceptions but keeps the valid rows of a file whose
    other rows fail validation; the secretariat's rule is that a bad file changes nothing.
    Every row is validated as the admin form would (plan-number format, dates, addresses).
    """

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_data(self, dataset, dry_run=False, **kwargs):
        with transaction.atomic(using=router.db_for_write(self._meta.model)):
            result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result
