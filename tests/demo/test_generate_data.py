"""generate_data: the same seed gives the same records, the records are valid, and the public site
shows them. A few hundred rows; the load test (bench/load.py) uses 100,000."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from bulletin.models import Issue, IssueRevision, NewsItem
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Committee, Review, Standard

pytestmark = pytest.mark.django_db

# One year of issues up to August 2022: the demo's July 2022 issue is in it and is kept.
SMALL = ["--standards", "300", "--meetings", "40", "--years", "1", "--news-per-month", "3"]
UNTIL = ["--until", "2022-08"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def generate(seed=7, *extra):
    call_command("generate_data", *SMALL, *UNTIL, "--seed", str(seed), *extra, stdout=io.StringIO())


def snapshot():
    """Every generated value that is not a primary key, in an order independent of them."""
    queries = [
        Standard.objects.values_list(
            "plan_number", "number", "title", "level", "stage", "committee__name", "is_public"
        ),
        CommentRequest.objects.values_list(
            "standard__title", "proposer__name", "start_date", "end_date", "reply_to", "link"
        ),
        Review.objects.values_list("standard__plan_number", "start_date", "end_date"),
        Meeting.objects.values_list("title", "organiser__name", "start_date", "city", "is_public"),
        MeetingSection.objects.values_list("meeting__title", "heading", "body"),
        NewsItem.objects.values_list("title", "date", "source_url", "is_public"),
        Issue.objects.values_list("year", "month", "highlights", "status"),
        Issue.objects.values_list("year", "month", "meetings__title", "news__title"),
    ]
    return [sorted(map(repr, query)) for query in queries]


def test_the_same_seed_gives_the_same_data():
    snapshots = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            generate(seed)
            snapshots.append(snapshot())
            transaction.set_rollback(True)

    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]


def test_the_generated_records_are_valid(demo):
    before = Standard.objects.count()

    generate()

    assert Standard.objects.count() == before + 300
    samples = [
        *list(Committee.objects.all()),
        *list(Standard.objects.order_by("pk"))[::7],
        *list(CommentRequest.objects.order_by("pk"))[::5],
        *list(Review.objects.order_by("pk"))[::5],
        *list(Meeting.objects.order_by("pk"))[::3],
        *list(MeetingSection.objects.order_by("pk"))[::7],
        *list(NewsItem.objects.order_by("pk"))[::3],
        *list(Issue.objects.all()),
        *list(IssueRevision.objects.all()),
    ]
    for record in samples:
        record.full_clean()


def test_the_demo_committees_and_issue_are_reused(demo):
    committees = Committee.objects.count()
    demo_issue = Issue.objects.get(year=2022, month=7)

    generate()

    assert Committee.objects.filter(name="电子与电磁兼容分技术委员会").count() == 1
    assert Committee.objects.count() > committees
    assert Issue.objects.get(year=2022, month=7) == demo_issue
    assert not demo_issue.revisions.exists()  # still the demo's draft
    assert Issue.objects.published().count() == 11  # September 2021 to August 2022, but July


def test_published_issues_make_their_records_public():
    generate()

    for issue in Issue.objects.published():
        assert not issue.meetings.filter(is_public=False).exists()
        assert not issue.news.filter(is_public=False).exists()
        assert not issue.comment_requests.filter(is_public=False).exists()
        assert not Standard.objects.filter(reviews__issues=issue, is_public=False).exists()
    assert Standard.objects.filter(is_public=False).exists()  # others stay internal


def test_the_public_site_shows_the_generated_records(client, public_demo):
    generate()

    home = client.get(reverse("website:home"))
    assert home.context["latest_issue"].slug == "2022-08"
    archive = client.get(reverse("bulletin:issue-list"))
    assert archive.context["total"] == 12
    page = client.get(reverse("bulletin:issue", kwargs={"year": 2022, "month": 8}))
    assert "2022年8月月报" in b"".join(page.streaming_content).decode()
    pdf = client.get(reverse("bulletin:issue_pdf", kwargs={"year": 2022, "month": 8}))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    for url_name, model in [
        ("standards:standard-list", Standard),
        ("standards:commentrequest-list", CommentRequest),
        ("meetings:meeting-list", Meeting),
        ("bulletin:newsitem-list", NewsItem),
    ]:
        response = client.get(reverse(url_name))
        assert response.context["total"] == model.objects.published().count() > 30
        record = model.objects.published().order_by("-pk").first()
        assert client.get(record.get_absolute_url()).status_code == 200

    internal = Standard.objects.filter(is_public=False).first()
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_a_database_with_data_is_refused_unless_forced():
    call_command(
        "generate_data", "--standards", "1001", "--meetings", "0", *UNTIL, stdout=io.StringIO()
    )

    with pytest.raises(CommandError, match="--force"):
        generate()
    generate(7, "--force")
    assert Standard.objects.count() == 1301
