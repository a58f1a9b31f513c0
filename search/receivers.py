"""The entries follow every write: saves and deletes through Django's signals, bulk writes
through common.signals.records_written."""

from django.db.models.signals import post_delete, post_save

from bulletin.models import Issue, IssueRevision, NewsItem
from common.signals import records_written
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Committee, Standard

from . import index, segmentation

INDEXED = (Standard, CommentRequest, Meeting, NewsItem, Issue, Committee)


def written(model, pks):
    """Entries of `pks` of `model`, and of the records whose entries show them."""
    index.update(model, pks)
    if model is Standard:
        requests = CommentRequest.objects.filter(standard__in=pks).values_list("pk", flat=True)
        index.update(CommentRequest, requests)
    elif model is Committee:
        meetings = Meeting.objects.filter(organiser__in=pks).values_list("pk", flat=True)
        index.update(Meeting, meetings)
    elif model is MeetingSection:
        meetings = MeetingSection.objects.filter(pk__in=pks).values_list("meeting", flat=True)
        index.update(Meeting, set(meetings))
    elif model is IssueRevision:
        issues = IssueRevision.objects.filter(pk__in=pks).values_list("issue", flat=True)
        index.update(Issue, set(issues))


def saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rebuild_search_index afterwards
        return
    if sender is Committee:
        segmentation.add_words(instance.name, instance.short_name)
    written(sender, [instance.pk])


def deleted(sender, instance, **kwargs):
    index.remove(sender, [instance.pk])


def section_written(sender, instance, raw=False, **kwargs):
    if not raw:
        index.update(Meeting, [instance.meeting_id])


def revision_written(sender, instance, raw=False, **kwargs):
    if not raw:
        index.update(Issue, [instance.issue_id])


def bulk_written(sender, pks, **kwargs):
    written(sender, pks)


def connect():
    for model in INDEXED:
        uid = f"search-{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(section_written, sender=MeetingSection, dispatch_uid="search-sections")
        signal.connect(revision_written, sender=IssueRevision, dispatch_uid="search-revisions")
    records_written.connect(bulk_written, dispatch_uid="search-bulk")
