"""Nothing unpublished reaches the public site, for visitors and for logged-in staff alike.

The `internal` fixture adds, beside the published July 2022 issue, an internal standard, internal
comment requests (one of them ticked public on an internal standard), an internal meeting and
news item, and a draft issue. Every public route is requested in both languages by every role.
"""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from bulletin.models import Issue, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Standard

from .routes import ROLES, Fill, fetch, project_routes

MARKER = "INTERNAL"  # in every unpublished record's title, highlights or link


def public_routes():
    return [route for route in project_routes() if not route.route.startswith("admin/")]


def unpublished(internal):
    """The unpublished records by model; the draft issue is reached by its year and month."""
    return {
        Standard: [internal.standard],
        CommentRequest: internal.comment_requests,
        Meeting: [internal.meeting],
        NewsItem: [internal.news],
        Issue: [internal.issue],
    }


def text_of(response, body):
    """What a reader of the response sees, whatever its format."""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
    if content_type.startswith("application/pdf"):
        return body.decode("latin-1")  # the published issue's stand-in PDF is plain text
    text = body.decode("utf-8-sig")
    if content_type.startswith("text/calendar"):
        text = text.replace("\r\n ", "")  # long lines are folded
    return text


@pytest.fixture(params=ROLES)
def role_client(request, client_as):
    """The client of each role in turn: every test here runs once a role."""
    return client_as(request.param)


def both_languages(name, **kwargs):
    urls = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_unpublished_and_missing_pages_are_404(role_client, internal):
    """Each detail route with an unpublished record's pk or an unknown pk; the draft issue."""
    hidden = unpublished(internal)
    urls = []
    for route in public_routes():
        if "pk" not in route.parameters:
            continue
        view = route.pattern.callback.view_class
        model = view.model or view.queryset.model
        for pk in [record.pk for record in hidden.get(model, [])] + [10**6]:
            urls += both_languages(route.name, pk=pk)
    draft = {"year": internal.issue.year, "month": internal.issue.month}
    published = {"year": internal.published_issue.year, "month": internal.published_issue.month}
    urls += both_languages("bulletin:issue", **draft)
    urls += both_languages("bulletin:issue_pdf", **draft)
    urls += both_languages("bulletin:revision", **draft, number=1)
    urls += both_languages("bulletin:revision_pdf", **draft, number=1)
    urls += both_languages("bulletin:revision", **published, number=2)
    urls += both_languages("bulletin:issue", year=2030, month=1)

    statuses = {url: fetch(role_client, url)[0].status_code for url in urls}

    assert {url: status for url, status in statuses.items() if status != 404} == {}
    assert len(statuses) >= 30


def test_no_public_page_shows_anything_unpublished(role_client, records, internal):
    """Every public route (pages, downloads, feeds, calendars, sitemap) in both languages.

    The pages opened are the unpublished records' public relatives: the public standard that has
    an internal comment request and meeting and is mentioned by the draft issue, the meeting that
    reviewed the internal standard, their committee.
    """
    fill = Fill(records, internal.published_issue)
    leaks = [MARKER]
    for model, hidden in unpublished(internal).items():
        if model is not Issue:
            leaks += [record.get_absolute_url() for record in hidden]
    leaks.append(internal.issue.get_absolute_url())
    failures = []
    for route in public_routes():
        if "signed" in route.parameters:
            continue  # a mail's signed link, forged here: it finds nothing (test_matrix)
        for url in fill.urls(route):
            response, body = fetch(role_client, url)
            if response.status_code not in (200, 302):
                failures.append(f"{url}: {response.status_code}")
                continue
            text = text_of(response, body)
            failures += [f"{url} shows {leak}" for leak in leaks if leak in text]

    assert failures == []


def list_routes():
    # The pages' lists; the API's, which take the same querysets, have their own tests (tests/api/).
    return [route for route in public_routes() if route.i18n and route.key.endswith("-list")]


def export_rows(response, body):
    if "spreadsheetml" in response["Content-Type"]:
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        return list(sheet.iter_rows(values_only=True))[1:]
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]


def test_lists_searches_and_downloads_hold_only_public_records(role_client, internal):
    """Every list, unfiltered and searched for the unpublished titles, and its downloads."""
    hidden = unpublished(internal)
    failures = []
    for route in list_routes():
        export = route.key.removesuffix("-list") + "-export"
        for query in ({}, {"q": MARKER}, {"q": "内部"}):
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    url = reverse(route.name)
                response, _ = fetch(role_client, url, **query)
                filterset = response.context["filter"]
                listed = filterset.qs
                shown = listed.filter(pk__in=[r.pk for r in hidden.get(listed.model, [])])
                if shown.exists():
                    failures.append(f"{url} {query} lists {list(shown)}")
                if query and "q" in filterset.filters and listed.exists():
                    failures.append(f"{url} {query} finds {list(listed)}")
                for format in ("csv", "xlsx"):
                    with translation.override(language):
                        download_url = reverse(export, kwargs={"format": format})
                    rows = export_rows(*fetch(role_client, download_url, **query))
                    if len(rows) != listed.count():
                        failures.append(
                            f"{download_url} {query}: {len(rows)} rows, the list {listed.count()}"
                        )

    assert failures == []
    assert len(list_routes()) >= 6


def test_statistics_count_only_public_records(role_client, internal):
    public = {
        "standards": Standard.objects.published().count(),
        "comment requests": CommentRequest.objects.published().count(),
        "meetings": Meeting.objects.published().count(),
    }
    assert Standard.objects.count() > public["standards"]

    for url in both_languages("website:statistics"):
        charts = {
            chart.chart_id: sum(count for _, count in chart.rows)
            for chart in fetch(role_client, url)[0].context["charts"]
        }
        counted = {
            "standards": charts["chart-stage"],
            "comment requests": charts["chart-comment-requests"],
            "meetings": charts["chart-meetings"],
        }
        assert counted == public
        assert charts["chart-committee"] == public["standards"]
