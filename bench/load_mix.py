"""The weighted mix of public URLs the load test's clients request, drawn from the database."""

import json
import random
import sys
from urllib.parse import quote, urlencode

from harness import run_manage
from load_setup import SEED

MIX_SIZE = 20000  # URLs the clients cycle through

# Kind of URL -> relative weight. Downloads of whole lists (100,000 standards) are heavy and rare;
# most downloads are of a filtered list, as visitors make them.
URL_MIX = {
    "home": 8,
    "issue archive": 3,
    "issue page": 5,
    "issue PDF": 1,
    "standards list": 4,
    "standards filtered": 9,
    "standards search": 5,
    "standards page N": 3,
    "standard detail": 12,
    "comment requests list": 2,
    "comment requests filtered": 5,
    "comment requests search": 2,
    "comment request detail": 6,
    "meetings list": 2,
    "meetings filtered": 4,
    "meetings search": 2,
    "meeting detail": 6,
    "news list": 2,
    "news filtered": 2,
    "news detail": 3,
    "committees list": 1,
    "committee detail": 1,
    "English pages": 3,
    "statistics": 0.5,
    "feeds and calendars": 1,
    "static file": 2,
    "export filtered CSV": 2.5,
    "export filtered XLSX": 1.5,
    "export full CSV": 0.1,
    "export full XLSX": 0.05,
}
SEARCH_WORDS = [
    "制动",
    "电动汽车 充电",
    "车载以太网",
    "安全要求",
    "试验方法",
    "智能网联",
    "2023",
    "GB/T",
]


def url_mix(env):
    """MIX_SIZE (kind, path) pairs drawn by URL_MIX's weights from the database's public records."""
    records = public_records(env)
    rng = random.Random(SEED)
    makers = url_makers(records, rng)
    kinds = list(URL_MIX)
    drawn = rng.choices(kinds, weights=[URL_MIX[k] for k in kinds], k=MIX_SIZE)
    return [(kind, makers[kind]()) for kind in drawn]


def public_records(env):
    """Ids and values the URLs need, read through the app's own published() querysets."""
    code = """
import json
from bulletin.models import Issue, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Standard
from django.contrib.staticfiles.storage import staticfiles_storage
ids = lambda qs: list(qs.values_list("pk", flat=True))
print(json.dumps({
    "standards": ids(Standard.objects.published()),
    "comment_requests": ids(CommentRequest.objects.published()),
    "meetings": ids(Meeting.objects.published()),
    "news": ids(NewsItem.objects.published()),
    "committees": ids(Committee.objects.filter(standards__is_public=True).distinct()),
    "proposers": ids(Committee.objects.filter(
        comment_requests__in=CommentRequest.objects.published()).distinct()),
    "organisers": ids(Committee.objects.filter(meetings__is_public=True).distinct()),
    "issues": list(Issue.objects.published().values_list("year", "month")),
    "plan_years": sorted({p[:4] for p in Standard.objects.published().exclude(plan_number="")
        .values_list("plan_number", flat=True)}),
    "regions": sorted(set(NewsItem.objects.published().exclude(region="")
        .values_list("region", flat=True))),
    "stylesheet": staticfiles_storage.url("css/site.css"),
}))
"""
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    env.setdefault("DJANGO_SECRET_KEY", "load-test-url-mix")
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    completed = run_manage(env, "shell", "--no-imports", "-c", code)
    if completed.returncode:
        sys.exit(f"Reading the public records failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def url_makers(records, rng):
    def path(base, **query):
        query = {k: v for k, v in query.items() if v not in (None, "")}
        return base + ("?" + urlencode(query, quote_via=quote) if query else "")

    def some(name):
        return rng.choice(records[name])

    levels = ["gb", "gb_t", "gb_z", "qc_t"]
    stages = ["approved", "drafting", "comment", "review", "approval", "published"]
    demo_issue = [2022, 7]
    issues = records["issues"]

    def standards_filtered(base="/standards/"):
        choice = rng.randrange(4)
        if choice == 0:
            return path(base, level=rng.choice(levels), stage=rng.choice(stages))
        if choice == 1:
            return path(base, committee=some("committees"), year=rng.choice(records["plan_years"]))
        if choice == 2:
            return path(base, year=rng.choice(records["plan_years"]), work_type="revision")
        return path(base, committee=some("committees"), level=rng.choice(levels), sort="-updated")

    def comment_requests_filtered(base="/comment-requests/"):
        choice = rng.randrange(3)
        if choice == 0:
            return path(base, status=rng.choice(["open", "closing", "upcoming", "closed"]))
        if choice == 1:
            return path(base, level=rng.choice(levels), year=rng.choice(issues)[0])
        return path(base, proposer=some("proposers"), sort="deadline")

    def meetings_filtered(base="/meetings/"):
        year, month = rng.choice(issues)
        choice = rng.randrange(3)
        if choice == 0:
            return path(base, year=year, month=month)
        if choice == 1:
            return path(base, organiser=some("organisers"), year=year)
        return path(base, mode=rng.choice(["online", "in_person", "hybrid"]), sort="-participants")

    def export_filtered(extension):
        choice = rng.randrange(4)
        if choice == 0:
            return standards_filtered(f"/standards/export.{extension}")
        if choice == 1:
            return comment_requests_filtered(f"/comment-requests/export.{extension}")
        if choice == 2:
            return meetings_filtered(f"/meetings/export.{extension}")
        year, month = rng.choice(issues)
        return path(f"/news/export.{extension}", year=year, month=month)

    def english():
        return rng.choice(
            [
                "/en/",
                f"/en/standards/{some('standards')}/",
                path("/en/standards/", level=rng.choice(levels)),
                f"/en/meetings/{some('meetings')}/",
                "/en/comment-requests/?status=open",
            ]
        )

    def full_export(extension):
        return rng.choice(["/standards/", "/comment-requests/", "/meetings/", "/news/"]) + (
            f"export.{extension}"
        )

    return {
        "home": lambda: "/",
        "issue archive": lambda: rng.choice(
            ["/issues/", path("/issues/", year=rng.choice(issues)[0])]
        ),
        "issue page": lambda: "/issues/{}/{}/".format(*rng.choice(issues)),
        "issue PDF": lambda: "/issues/{}/{}/pdf/".format(*rng.choice([demo_issue, *issues[:3]])),
        "standards list": lambda: "/standards/",
        "standards filtered": standards_filtered,
        "standards search": lambda: path("/standards/", q=rng.choice(SEARCH_WORDS)),
        "standards page N": lambda: path("/standards/", page=rng.randint(2, 200)),
        "standard detail": lambda: f"/standards/{some('standards')}/",
        "comment requests list": lambda: "/comment-requests/",
        "comment requests filtered": comment_requests_filtered,
        "comment requests search": lambda: path("/comment-requests/", q=rng.choice(SEARCH_WORDS)),
        "comment request detail": lambda: f"/comment-requests/{some('comment_requests')}/",
        "meetings list": lambda: "/meetings/",
        "meetings filtered": meetings_filtered,
        "meetings search": lambda: path("/meetings/", q=rng.choice(["审查会", "工作会议", "北京"])),
        "meeting detail": lambda: f"/meetings/{some('meetings')}/",
        "news list": lambda: "/news/",
        "news filtered": lambda: path(
            "/news/", year=rng.choice(issues)[0], region=rng.choice(records["regions"] or [""])
        ),
        "news detail": lambda: f"/news/{some('news')}/",
        "committees list": lambda: "/committees/",
        "committee detail": lambda: f"/committees/{some('committees')}/",
        "English pages": english,
        "statistics": lambda: "/statistics/",
        "feeds and calendars": lambda: rng.choice(
            [
                "/feeds/issues.rss",
                "/feeds/comment-requests.atom",
                "/calendar/comment-deadlines.ics",
                "/calendar/meetings.ics",
            ]
        ),
        "static file": lambda: records["stylesheet"],
        "export filtered CSV": lambda: export_filtered("csv"),
        "export filtered XLSX": lambda: export_filtered("xlsx"),
        "export full CSV": lambda: full_export("csv"),
        "export full XLSX": lambda: full_export("xlsx"),
    }
