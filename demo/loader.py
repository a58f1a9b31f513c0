"""Load the July 2022 bulletin as demo data, and the two demo users.

Records are matched by their natural keys and created only when missing: a second run changes
nothing, and `make run` (which loads the demo every time) never undoes an editor's changes.
"""

import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.roles import EDITORS, PUBLISHERS, ensure_roles
from bulletin import services
from bulletin.models import (
    Issue,
    IssueCommentRequest,
    IssueMeeting,
    IssueNewsItem,
    IssueReview,
    NewsAttachment,
    NewsItem,
    SecretariatProfile,
)
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Committee, Review, Standard

DATA_FILE = Path(__file__).with_name("bulletin-2022-07.toml")

DEMO_USERS = [
    # username, group, environment variable holding its password
    ("editor", EDITORS, "DEMO_EDITOR_PASSWORD"),
    ("publisher", PUBLISHERS, "DEMO_PUBLISHER_PASSWORD"),
]


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    issue: Issue | None = None  # the demo issue, when this run created it

    def count(self, model, created):
        if created:
            label = str(model._meta.verbose_name_plural)
            self.created[label] = self.created.get(label, 0) + 1


@transaction.atomic
def load_demo(path=DATA_FILE):
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()
    committees = _load_committees(data["committees"], report)
    standards = _load_standards(data["standards"], committees, report)
    reviews = _load_reviews(data["reviews"], standards, report)
    comment_requests = _load_comment_requests(
        data["comment_requests"], standards, committees, report
    )
    meetings = _load_meetings(data["meetings"], committees, standards, reviews, report)
    news = _load_news(data["news"], report)
    _load_profile(data["profile"], report)
    report.issue = _load_issue(
        data["issue"], [*reviews.values()], comment_requests, meetings, news, report
    )
    return report


def _load_committees(rows, report):
    committees = {}
    for row in rows:  # parents come before their children in the data file
        committee, created = Committee.objects.get_or_create(
            name=row["name"],
            defaults={
                "short_name": row["short_name"],
                "code": row["code"],
                "kind": row["kind"],
                "parent": committees.get(row["parent"]),
            },
        )
        committees[committee.name] = committee
        report.count(Committee, created)
    return committees


def _load_standards(rows, committees, report):
    standards = {}
    for row in rows:
        values = {
            "number": row["number"],
            "title": row["title"],
            "level": row["level"],
            "work_type": row["work_type"],
            "committee": committees.get(row["committee"]),
            "stage": row["stage"],
            "adopted_international": row["adopted_international"],
        }
        if row["plan_number"]:
            standard, created = Standard.objects.get_or_create(
                plan_number=row["plan_number"], defaults=values
            )
        else:
            standard, created = Standard.objects.get_or_create(
                plan_number="", title=row["title"], level=row["level"], defaults=values
            )
        standards[(row["title"], row["level"])] = standard
        report.count(Standard, created)
    return standards


def _load_reviews(rows, standards, report):
    by_plan_number = {s.plan_number: s for s in standards.values() if s.plan_number}
    reviews = {}
    for row in rows:
        review, created = Review.objects.get_or_create(
            standard=by_plan_number[row["plan_number"]],
            start_date=row["start_date"],
            defaults={"end_date": row["end_date"]},
        )
        reviews[row["plan_number"]] = review
        report.count(Review, created)
    return reviews


def _load_comment_requests(rows, standards, committees, report):
    comment_requests = []
    for row in rows:
        comment_request, created = CommentRequest.objects.get_or_create(
            standard=standards[(row["title"], row["level"])],
            start_date=row["start_date"],
            defaults={
                "proposer": committees[row["proposer"]],
                "end_date": row["end_date"],
                "reply_to": row["reply_to"],
                "link": row["link"],
            },
        )
        report.count(CommentRequest, created)
        comment_requests.append(comment_request)
    return comment_requests


def _load_meetings(rows, committees, standards, reviews, report):
    by_title = {title: standard for (title, _level), standard in standards.items()}
    meetings = []
    for row in rows:
        meeting, created = Meeting.objects.get_or_create(
            title=row["title"],
            start_date=row["start_date"],
            defaults={
                "organiser": committees[row["organiser"]],
                "end_date": row["end_date"],
                "mode": row["mode"],
                "city": row["city"],
                "participant_count": row["participant_count"],
                "participant_count_qualifier": row["participant_count_qualifier"],
                "participant_unit": row["participant_unit"],
                "participant_role": row["participant_role"],
                "attendees": row["attendees"],
                # Only where the seed's opening sentence is not the one the facts give.
                "summary": row.get("summary", ""),
            },
        )
        report.count(Meeting, created)
        meetings.append(meeting)
        if not created:
            continue
        meeting.related_standards.set([by_title[title] for title in row["related_standards"]])
        meeting.reviews.set([reviews[plan_number] for plan_number in row["reviews"]])
        for order, section in enumerate(row.get("sections", []), start=1):
            MeetingSection.objects.create(
                meeting=meeting, heading=section["heading"], body=section["body"], order=order
            )
            report.count(MeetingSection, True)
    return meetings


def _load_news(rows, report):
    news = []
    for row in rows:
        news_item, created = NewsItem.objects.get_or_create(
            title=row["title"],
            defaults={
                "date": row.get("date"),
                "region": row["region"],
                "body": row["body"],
                "source": row["source"],
                "source_url": row["source_url"],
            },
        )
        report.count(NewsItem, created)
        news.append(news_item)
        if not created:
            continue
        for order, attachment in enumerate(row.get("attachments", []), start=1):
            NewsAttachment.objects.create(
                news_item=news_item, title=attachment["title"], url=attachment["url"], order=order
            )
            report.count(NewsAttachment, True)
    return news


def _load_profile(row, report):
    if SecretariatProfile.objects.exists():
        return
    SecretariatProfile(**row).save()
    report.count(SecretariatProfile, True)


def _load_issue(row, reviews, comment_requests, meetings, news, report):
    """The issue as it was published: its entries in the printed order."""
    issue, created = Issue.objects.get_or_create(
        year=row["year"],
        month=row["month"],
        defaults={
            "number": row["number"],
            "highlights": "\n".join(row["highlights"]),
            "coverage_start": row["coverage_start"],
            "coverage_end": row["coverage_end"],
            "recent_until": row["recent_until"],
        },
    )
    report.count(Issue, created)
    if not created:
        return None
    for entry_model, records in [
        (IssueReview, reviews),
        (IssueCommentRequest, comment_requests),
        (IssueMeeting, meetings),
        (IssueNewsItem, news),
    ]:
        entry_model.objects.bulk_create(
            entry_model(issue=issue, order=10 * n, **{entry_model.record_field: record})
            for n, record in enumerate(records, start=1)
        )
    return issue


def publish_demo_issue(issue):
    """Publish the demo issue as the secretariat did: the editor submits, the publisher signs."""
    User = get_user_model()
    editor = User.objects.get(username="editor")
    publisher = User.objects.get(username="publisher")
    services.transition(issue, "submit", editor, "演示数据：2022年7月月报")
    services.transition(issue, "approve", publisher)
    return services.transition(issue, "publish", publisher)


@dataclass
class DemoUser:
    username: str
    group: str
    password: str | None  # set only when this run chose or changed it


def ensure_demo_users(environ=os.environ):
    """Create the demo editor and publisher; a password comes from the environment or is generated.

    A generated password is returned once, when the user is created. An existing user keeps its
    password unless the environment names a different one.
    """
    editors, publishers = ensure_roles()
    groups = {EDITORS: editors, PUBLISHERS: publishers}
    users = []
    User = get_user_model()
    for username, group_name, variable in DEMO_USERS:
        wanted = environ.get(variable)
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        password = None
        if created:
            password = wanted or secrets.token_urlsafe(12)
        elif wanted and not user.check_password(wanted):
            password = wanted
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(groups[group_name])
        users.append(DemoUser(username, group_name, password))
    return users
