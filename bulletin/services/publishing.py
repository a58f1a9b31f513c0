"""Publishing freezes an approved issue: its page and PDF rendered once and stored with their
SHA-256, its records made public, the issue marked published."""

import hashlib
from functools import partial

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from common.signals import send_records_written
from standards.models import Standard

from ..models import Issue, IssueRevision
from ..rendering.context import document_context
from ..rendering.html import render_document
from ..rendering.pdf import render_pdf
from ..signals import revision_published
from . import approval
from .refusals import ContentChanged, TransitionRefused
from .revision_files import clear_revision_files, save_revision_file
from .transitions import move

Status = Issue.Status


def freeze(issue, user, note="", beat=None):
    """Publish the approved issue; refused, and back to review, if its content changed since."""
    page, number, approved, changed = _prepare(issue, user, note)
    if changed:
        raise ContentChanged(changed)
    # Outside any transaction: the job's heartbeats must reach the database while the PDF is
    # laid out, and the issue stays unlocked for the minutes that may take. The page is already
    # rendered from the approved records, so what they become meanwhile is not published.
    pdf = render_pdf(issue, html=page, beat=beat)
    return _store(issue, user, note, page.encode(), pdf, number, approved)


@transaction.atomic
def _prepare(issue, user, note):
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != Status.APPROVED:
        raise TransitionRefused(_("只有已批准的月报可以发布。"))
    approval.check_size(issue)
    revision = IssueRevision(
        issue=issue, number=issue.next_revision_number(), note=note, published_by=user
    )
    # One loading of the records serves the check and the page, so what is compared is printed.
    context = document_context(issue, revision=revision, pdf_url=revision.get_pdf_url())
    changed = approval.changes(issue.approved_content, context)
    if changed is not None:
        message = _("批准后内容已改变，未发布，已退回审核：%(changes)s。请重新审核批准。") % {
            "changes": "、".join(changed)
        }
        issue.approved_content = {}
        move(issue, Status.IN_REVIEW, user, message)
        return None, None, None, message  # committed: the issue goes back to review
    return render_document(context), revision.number, issue.approved_content, None


@transaction.atomic
def _store(issue, user, note, html, pdf, number, approved):
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if (
        issue.status != Status.APPROVED
        or issue.approved_content != approved
        or issue.next_revision_number() != number
    ):
        raise TransitionRefused(_("生成期间本期已被退回或重新批准，未发布；请重新发布。"))
    revision = IssueRevision(issue=issue, number=number, note=note, published_by=user)
    revision.html_sha256 = hashlib.sha256(html).hexdigest()
    revision.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    # Files are not part of the transaction: if anything after this fails, they are removed
    # again, and the rollback leaves the issue and its records as they were. What a killed
    # publishing left in this revision's folder (no committed revision owns it) goes first.
    clear_revision_files(revision)
    try:
        save_revision_file(revision.html, f"{issue.slug}.html", html)
        save_revision_file(revision.pdf, f"bulletin-{issue.slug}-r{revision.number}.pdf", pdf)
        revision.save()
        make_records_public(issue, user)
        published = _("发布第 %(number)d 版") % {"number": revision.number}
        move(issue, Status.PUBLISHED, user, f"{published}：{note}" if note else published)
        # Robust: what a receiver does (queueing the subscribers' mail) cannot undo a publishing.
        transaction.on_commit(
            partial(revision_published.send, sender=IssueRevision, revision=revision),
            robust=True,
        )
    except BaseException:
        for stored in (revision.html, revision.pdf):
            if stored.name:
                stored.storage.delete(stored.name)
        raise
    return revision


@transaction.atomic
def make_records_public(issue, user=None):
    """Publishing an issue makes what it reports public, with the standards it names.

    Each record made public gets a history entry naming `user` (the publisher): its version goes
    up, so that an editor's page opened before publishing cannot save it back as internal, and
    the refusal of that page names who saved last from the history.
    """
    reason = _("随月报 %(issue)s 发布而公开") % {"issue": issue}
    standards = Standard.objects.filter(
        models.Q(reviews__issues=issue)
        | models.Q(comment_requests__issues=issue)
        | models.Q(meetings__issues=issue)
    )
    for records in (
        standards,
        issue.comment_requests.all(),
        issue.meetings.all(),
        issue.news.all(),
    ):
        _make_public(records, user, reason)


def _make_public(records, user, reason):
    model = records.model
    internal = model._base_manager.filter(
        pk__in=records.filter(is_public=False).values("pk"), is_public=False
    )
    pks = list(internal.values_list("pk", flat=True))
    if not pks:
        return
    model._base_manager.filter(pk__in=pks).update(is_public=True, version=F("version") + 1)
    model.history.bulk_history_create(
        model._base_manager.filter(pk__in=pks),
        update=True,
        default_user=user,
        default_change_reason=reason,
    )
    # The update sent no post_save: the site search indexes them once this commits.
    send_records_written(model, pks)
