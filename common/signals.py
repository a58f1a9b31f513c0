"""Signals for writes that Django's own signals do not see.

bulk_create and QuerySet.update() send no post_save: the places that write records that way (an
import's batches, publishing an issue, the generated data) send `records_written` once their
transaction has committed, with the model as sender and the primary keys written (`pks`).
"""

from django.db import transaction
from django.dispatch import Signal

records_written = Signal()


def send_records_written(model, pks):
    """Tell the receivers about `pks` of `model` once the current transaction commits."""
    pks = list(pks)
    if pks:
        transaction.on_commit(lambda: records_written.send(sender=model, pks=pks), robust=True)
