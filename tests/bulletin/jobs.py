"""What the publishing tests check of a render job that failed."""

from bulletin.models import Issue, IssueRevision, RenderJob


def assert_failed_and_still_approved(job, issue, error):
    """The job failed saying `error`; the issue is still approved and has no revision."""
    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert error in job.error
    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED
    assert not IssueRevision.objects.exists()
