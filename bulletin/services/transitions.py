"""The life of an issue: draft → in review → approved → published, and corrections.

Every transition checks the user's permission here, not only in the admin, and is recorded in the
issue's history with who, when and the note.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Issue, RenderJob
from . import approval
from .refusals import TransitionRefused

Status = Issue.Status


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


def move(issue, target, user, note):
    """Put the issue in `target`, with who and why in its history."""
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
    move(issue, step.target, user, note)
    return issue


def _queue_publishing(issue, user, note):
    from common.stale_jobs import fail_stale_jobs

    from ..tasks import publish_issue  # the task runs the publishing service

    fail_stale_jobs(RenderJob.objects.filter(issue=issue))
    if issue.render_jobs.blocking().exists():
        raise TransitionRefused(_("本期正在发布，请等待生成任务完成。"))
    job = RenderJob.objects.create(issue=issue, requested_by=user, note=note.strip())
    job.enqueue(publish_issue)
    return job
