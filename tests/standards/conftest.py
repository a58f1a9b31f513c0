import pytest

from bulletin.models import Issue
from meetings.models import Meeting
from standards.models import Standard
from tests.standards.imports import comment_requests, reviewed_standards


@pytest.fixture
def demo_committees(demo):
    """The demo's table records as values, then the demo without them: its committees stay."""
    before = {
        "standards": reviewed_standards(),
        "comment_requests": {level: comment_requests(level) for level in ("gb", "gb_t", "qc_t")},
    }
    Issue.objects.all().delete()
    Meeting.objects.all().delete()
    Standard.objects.all().delete()  # with their reviews and comment requests
    return before
