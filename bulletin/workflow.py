"""The life of an issue: draft → in review → approved → published, and corrections.

Every transition checks the user's permission here, not only in the admin, and is recorded in the
issue's history with who, when and the note.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext_lazy as _

from . import approval
from .models import Issue, IssueRevision, RenderJob
from .publishing_files import clear_revision_files, save_revision_file
from .render_worker import RenderFailed
from .rendering import document_context, render_document, render_pdf

Status = Issue.Status


class TransitionRefused(Exception):
    """The transition does not apply to the issue as it is now; the message says why."""


class ContentChanged(TransitionRefused):
    """Records changed after approval: publishing sent the issue back to review."""


# Failures whose message is written for the publisher; anything else is a bug, kept as repr().
EXPLAINED = (TransitionRefused, RenderFailed, approval.TooLargeToRender)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    note_required: bool = False

    def allowed(self, issue, user):
        return (
            issue.status in self.sources
            and user.has_perm(self.permission)
            and not _four_eyes_refusal(self, issue, user)
        )


SUBMIT = Transition(
    "submit", _("提交审核"), (Status.DRAFT,), Status.IN_REVIEW, "bulletin.change_issue"
)
APPROVE = Transition(
    "approve", _("批准"), (Status.IN_REVIEW,), Status.APPROVED, "bulletin.approve_issue"
)
SEND_BACK = Transition(
    "send_back",
    _("退回修改"),
    (Status.IN_REVIEW, Status.APPROVED),
    Status.DRAFT,
    "bulletin.approve_issue",
    note_required=True,
)
PUBLISH = Transition(
    "publish", _("发布"), (Status.APPROVED,), Status.PUBLISHED, "bulletin.publish_issue"
)
CORRECT = Transition(
    "correct",
    _("发起更正"),
    (Status.PUBLISHED,),
    Status.DRAFT,
    "bulletin.publish_issue",
    note_required=True,
)
TRANSITIONS = {t.name: t for t in (SUBMIT, APPROVE, SEND_BACK, PUBLISH, CORRECT)}


def available_transitions(issue, user):
    return [t for t in TRANSITIONS.values() if t.allowed(issue, user)]


def _four_eyes_refusal(transition, issue, user):
    if (
        transition.name == "approve"
        and settings.BULLETIN_FOUR_EYES
        and issue.submitted_by_id is not None
        and issue.submitted_by_id == user.pk
    ):
        return _("您提交了本期审核，不能由您批准：请由另一位审核人批准。")
    return ""


def _check(transition, issue, user, note):
    if not user.has_perm(transition.permission):
        raise PermissionDenied(_("您没有权限执行“%(action)s”。") % {"action": transition.label})
    if issue.status not in transition.sources:
        raise TransitionRefused(
            _("月报当前状态为“%(status)s”，不能%(action)s。")
            % {"status": issue.get_status_display(), "action": transition.label}
        )
    if transition.note_required and not note.strip():
        raise TransitionRefused(_("请填写说明。"))
    if refusal := _four_eyes_refusal(transition, issue, user):
        raise TransitionRefused(refusal)


def _move(issue, target, user, note):
    issue.status = target
    issue._history_user = user
    issue._change_reason = note.strip()
    issue.save()


@transaction.atomic
def transition(issue, name, user, note=""):
    """Apply a transition by name; publishing queues the rendering and returns its job."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    step = TRANSITIONS[name]
    _check(step, issue, user, note)
    if step is PUBLISH:
        return _queue_publishing(issue, user, note)
    if step is SUBMIT:
        issue.submitted_by = user
    if step is APPROVE:
        try:
            issue.approved_content = approval.fingerprint(approval.approve_context(issue))
        except approval.TooLargeToRender as refusal:
            raise TransitionRefused(str(refusal)) from None
    elif step.target != Status.PUBLISHED:
        issue.approved_content = {}  # back to review or draft: approved again before publishing
    _move(issue, step.target, user, note)
    return issue


def _queue_publishing(issue, user, note):
    from common.stale_jobs import fail_stale_jobs

    fail_stale_jobs(RenderJob.objects.filter(issue=issue))
    if issue.render_jobs.blocking().exists():
        raise TransitionRefused(_("本期正在发布，请等待生成任务完成。"))
    job = RenderJob.objects.create(issue=issue, requested_by=user, note=note.strip())
    job.enqueue(publish_issue)
    return job


@task
def publish_issue(job_id):
    """Render the issue once, store both files with their SHA-256, and mark it published."""
    job = RenderJob.objects.select_related("issue", "requested_by").get(pk=job_id)
    done = job.run(
        lambda: {"revision": freeze(job.issue, job.requested_by, job.note, beat=job.beat)},
        explained=EXPLAINED,
    )
    return done and done["revision"].pk


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
        _move(issue, Status.IN_REVIEW, user, message)
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
        issue.make_records_public()
        published = _("发布第 %(number)d 版") % {"number": revision.number}
        _move(issue, Status.PUBLISHED, user, f"{published}：{note}" if note else published)
    except BaseException:
        for stored in (revision.html, revision.pdf):
            if stored.name:
                stored.storage.delete(stored.name)
        raise
    return revision
