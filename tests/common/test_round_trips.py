"""A downloaded list imports back as it is: nothing created, updated or changed."""

import pytest

from bulletin.models import NewsItem
from bulletin.resources import NewsItemResource
from common.spreadsheets import import_file
from meetings.models import Meeting
from meetings.resources import MeetingResource
from standards.models import CommentRequest, Committee, Review, Standard
from standards.resources import CommentRequestResource, CommitteeResource, StandardResource
from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

EACH_FORMAT = pytest.mark.parametrize("format", ["csv", "xlsx"])


def snapshot():
    """Every stored value of the records an import may write, timestamps included."""
    return {
        model: list(model.objects.order_by("pk").values_list())
        for model in (Committee, Standard, Review, CommentRequest, Meeting, NewsItem)
    }


def import_back(download_list, name, resource, format):
    """The public list `name` downloaded and imported again, checked to write nothing."""
    before = snapshot()
    report = import_file(resource, download_list(name, format), f"export.{format}")
    assert report.errors == []
    assert (report.created, report.updated) == (0, 0)
    assert snapshot() == before
    return report


@EACH_FORMAT
@pytest.mark.parametrize(
    ("name", "resource", "rows"),
    [
        ("standards:standard", StandardResource, Standard.objects.published),
        ("standards:commentrequest", CommentRequestResource, CommentRequest.objects.published),
        ("standards:committee", CommitteeResource, Committee.objects.all),
        ("meetings:meeting", MeetingResource, Meeting.objects.published),
        ("bulletin:newsitem", NewsItemResource, NewsItem.objects.published),
    ],
    ids=["standards", "comment-requests", "committees", "meetings", "news"],
)
def test_a_downloaded_list_imports_back_unchanged(
    public_demo, download_list, name, resource, rows, format
):
    report = import_back(download_list, name, resource(), format)

    assert report.skipped == rows().count()


def formula_comment_request():
    standard = StandardFactory(plan_number="", title="=1+1 公式标题", is_public=True)
    CommentRequestFactory(standard=standard, is_public=True)


@EACH_FORMAT
@pytest.mark.parametrize(
    ("make", "name", "resource"),
    [
        pytest.param(
            lambda: StandardFactory(
                plan_number="20229001-T-339", title="=1+1 公式标题", is_public=True
            ),
            "standards:standard",
            StandardResource,
            id="standard",
        ),
        pytest.param(
            lambda: StandardFactory(plan_number="", title="=1+1 公式标题", is_public=True),
            "standards:standard",
            StandardResource,
            id="standard-without-plan-number",
        ),
        pytest.param(
            formula_comment_request,
            "standards:commentrequest",
            CommentRequestResource,
            id="comment-request",
        ),
        pytest.param(
            # Groups' short names repeat their names, as the demo's do.
            lambda: CommitteeFactory(name="=公式工作组", short_name="=公式工作组"),
            "standards:committee",
            CommitteeResource,
            id="committee",
        ),
        pytest.param(
            lambda: MeetingFactory(title="=公式工作组第一次会议", is_public=True),
            "meetings:meeting",
            MeetingResource,
            id="meeting",
        ),
        pytest.param(
            lambda: NewsItemFactory(title="=公式资讯", is_public=True),
            "bulletin:newsitem",
            NewsItemResource,
            id="news",
        ),
    ],
)
def test_a_title_like_a_formula_round_trips(
    public_demo, download_list, make, name, resource, format
):
    make()

    import_back(download_list, name, resource(), format)
