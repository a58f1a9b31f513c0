"""Keeping the entries current: a record's entry is rewritten whenever it is written, and
removed when it is deleted or no longer public."""

from django.db import connection, transaction

from . import segmentation
from .backends import backend
from .documents import BY_MODEL, KINDS, documents
from .models import SearchEntry

BATCH = 2000


def words(document):
    keywords = [form for text in document.keywords for form in segmentation.number_forms(text)]
    title = segmentation.tokens(document.title) + segmentation.number_forms(document.title)
    body = (
        segmentation.tokens(document.body)
        + segmentation.number_forms(document.body)
        + keywords
        + [word for text in document.keywords for word in segmentation.tokens(text)]
    )
    numbers = [form for text in document.numbers for form in segmentation.number_forms(text)]
    numbers += [word for text in document.numbers for word in segmentation.tokens(text)]
    return (
        " ".join(dict.fromkeys(title)),
        " ".join(dict.fromkeys(body)),
        " ".join(dict.fromkeys(numbers)),
    )


def update(model, pks):
    """Rewrite the entries of `pks` of `model`: those public now, and none of the others."""
    spec = BY_MODEL.get(model)
    if spec is None:
        return
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        with transaction.atomic():
            _remove(spec.kind, chunk)
            _write(spec, spec.records().filter(pk__in=chunk))


def remove(model, pks):
    spec = BY_MODEL.get(model)
    if spec is not None:
        with transaction.atomic():
            _remove(spec.kind, list(pks))


def rebuild(progress=None):
    """Every entry again, from the public records; `progress(n)` after each batch of n."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend().clear(cursor)
        SearchEntry.objects.all().delete()
        for spec in KINDS:
            records = spec.records()
            batch = []
            for record in records.iterator(chunk_size=BATCH):
                batch.append(record)
                if len(batch) == BATCH:
                    _write(spec, batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                _write(spec, batch)
                if progress:
                    progress(len(batch))


def total():
    """How many records rebuild() reads."""
    return sum(spec.records().count() for spec in KINDS)


def _remove(kind, pks):
    entries = SearchEntry.objects.filter(kind=kind, object_id__in=pks)
    ids = list(entries.values_list("pk", flat=True))
    if ids:
        with connection.cursor() as cursor:
            backend().remove(cursor, ids)
        SearchEntry.objects.filter(pk__in=ids).delete()


def _write(spec, records):
    entries, texts = [], []
    for record, document, url in documents(spec, records):
        entries.append(
            SearchEntry(
                kind=spec.kind,
                object_id=record.pk,
                title=document.title[:500],
                body=document.body,
                year=document.year,
                committee_id=document.committee_id,
                url=url,
            )
        )
        texts.append(words(document))
    if not entries:
        return
    SearchEntry.objects.bulk_create(entries)
    with connection.cursor() as cursor:
        backend().store(
            cursor, [(entry.pk, *text) for entry, text in zip(entries, texts, strict=True)]
        )
