"""The life of an issue: draft → in review → approved → published, and corrections.

Every transition checks the user's permission here, not only in the admin, and is recorded in the
issue's history with who, when and the note.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Issue, IssueRevision, RenderJob
from .rendering import render_html, render_pdf

Status = Issue.Status


class TransitionRefused(Exception):
    """The transition does not apply to the issue as it is now; the message says why."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    note_required: bool = False

    def allowed(self, issue, user):
        return issue.status in self.sources and user.has_perm(self.permission)


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
    _move(issue, step.target, user, note)
    return issue


def _queue_publishing(issue, user, note):
    if issue.render_jobs.blocking().exists():
        raise TransitionRefused(_("本期正在发布，请等待生成任务完成。"))
    issue.render_jobs.abandoned().update(
        status=RenderJob.Status.FAILED,
        error=_("生成中断：任务进程在完成前停止，月报保持原状。"),
        finished_at=timezone.now(),
    )
    job = RenderJob.objects.create(issue=issue, requested_by=user, note=note.strip())
    result = publish_issue.enqueue(job.pk)
    RenderJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


@task
def publish_issue(job_id):
    """Render the issue once, store both files with their SHA-256, and mark it published."""
    job = RenderJob.objects.select_related("issue", "requested_by").get(pk=job_id)
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.RUNNING, started_at=timezone.now()
    )
    try:
        revision = freeze(job.issue, job.requested_by, job.note)
    except Exception as error:
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED, error=repr(error), finished_at=timezone.now()
        )
        raise
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.SUCCEEDED, revision=revision, finished_at=timezone.now()
    )
    return revision.pk


@transaction.atomic
def freeze(issue, user, note=""):
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != Status.APPROVED:
        raise TransitionRefused(_("只有已批准的月报可以发布。"))
    revision = IssueRevision(
        issue=issue, number=issue.next_revision_number(), note=note, published_by=user
    )
    page = render_html(issue, revision=revision, pdf_url=revision.get_pdf_url())
    html = page.encode()
    pdf = render_pdf(issue, html=page)
    revision.html_sha256 = hashlib.sha256(html).hexdigest()
    revision.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    # Files are not part of the transaction: if anything after this fails, they are removed
    # again, and the rollback leaves the issue and its records as they were.
    try:
        revision.html.save(f"{issue.slug}.html", ContentFile(html), save=False)
        revision.pdf.save(
            f"bulletin-{issue.slug}-r{revision.number}.pdf", ContentFile(pdf), save=False
        )
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
