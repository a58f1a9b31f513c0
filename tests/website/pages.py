"""The pages the conformance tests fetch: every kind of public page in both languages, and the
admin pages editors use, on the demo."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletin.models import Issue, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Review, Standard

# Each list plain, filtered, with an invalid filter, searched, and in pages where it has them.
LIST_QUERIES = {
    "bulletin:issue-list": ["", "?year=2022", "?year=twenty"],
    "standards:standard-list": ["", "?level=qc_t", "?level=no-such-level", "?q=汽车", "?page=2"],
    "standards:commentrequest-list": ["", "?status=open", "?status=no-such-state", "?q=汽车"],
    "meetings:meeting-list": ["", "?year=2022&month=7", "?month=13", "?q=会议"],
    "bulletin:newsitem-list": ["", "?region=广东", "?year=twenty", "?q=汽车"],
    "standards:committee-list": ["", "?kind=sc", "?kind=no-such-kind", "?q=委员会"],
    # The site search: empty, found, a number, with a facet chosen, and nothing found.
    "search:search": ["", "?q=换电", "?q=GB/T 32960", "?q=汽车&kind=meeting", "?q=无此词语"],
}


def public_paths(language_prefix=""):
    """The public pages of the demo with its issue published, as paths in one language."""
    paths = [reverse("website:home"), reverse("website:statistics"), reverse("api-home")]
    for url_name, queries in LIST_QUERIES.items():
        paths += [reverse(url_name) + query for query in queries]
    paths += [
        model.objects.published().order_by("pk").first().get_absolute_url()
        for model in (Standard, CommentRequest, Meeting, NewsItem)
    ]
    paths.append(Committee.objects.order_by("pk").first().get_absolute_url())
    issue = Issue.objects.published().get()
    paths += [issue.get_absolute_url(), issue.revisions.get().get_absolute_url()]
    return [language_prefix + path for path in paths]


def every_public_path():
    return public_paths() + public_paths("/en")


def admin_paths():
    """The admin pages editors use: the index with its dashboard, each list, each change form
    (with its inlines), each add form, the draft issue's form and the import pages."""
    paths = [reverse("admin:index")]
    for model in (Committee, Standard, Review, CommentRequest, Meeting, NewsItem, Issue):
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        record = model.objects.order_by("pk").first()
        paths += [
            reverse(f"{name}_changelist"),
            reverse(f"{name}_add"),
            reverse(f"{name}_change", args=[record.pk]),
        ]
    issue = Issue.objects.get(year=2022, month=7)
    paths += [
        reverse("admin:bulletin_issue_transition", args=[issue.pk, "submit"]),
        reverse("admin:standards_standard_history", args=[Standard.objects.first().pk]),
        reverse("admin:bulletin_secretariatprofile_change", args=[1]),
        reverse("admin:imports_importjob_changelist"),
    ]
    paths += [
        reverse(f"admin:{model}_import")
        for model in (
            "standards_committee",
            "standards_standard",
            "standards_commentrequest",
            "meetings_meeting",
            "bulletin_newsitem",
        )
    ]
    return paths


def publisher_paths():
    """What a publisher sees that an editor does not: the issue's approval among them."""
    issue = Issue.objects.get(year=2022, month=7)
    return [
        reverse("admin:index"),
        reverse("admin:bulletin_issue_change", args=[issue.pk]),
        reverse("admin:bulletin_issue_transition", args=[issue.pk, "approve"]),
    ]


def table_1(*rows):
    lines = [f"{n},{plan},{title},制定,电子与电磁兼容,6月28-30日\n" for n, (plan, title) in rows]
    return ("序号,计划号,项目名称,制修订,领域,审查时间\n" + "".join(lines)).encode()


def admin_forms_posted(client):
    """Admin pages as a form posted back shows them: refused with its errors, an import's
    preview and an import's error report."""
    pages = {}
    response = client.post(reverse("admin:standards_standard_add"), {})
    assert response.status_code == 200
    pages["standard add refused"] = response.text
    for name, rows in [
        ("import preview", [(1, ("20229001-T-339", "道路车辆 导入测试标准"))]),
        ("import refused", [(1, ("no-such-plan-number", "道路车辆 导入测试标准"))]),
    ]:
        upload = SimpleUploadedFile("table.csv", table_1(*rows), content_type="text/csv")
        data = {"resource": "0", "format": "0", "import_file": upload, "year": "2022"}
        response = client.post(reverse("admin:standards_standard_import"), data)
        assert response.status_code == 200
        pages[name] = response.text
    return pages


def read(client, path):
    """The page's HTML; a served file is read to its end, which closes it.

    Not closed again: the test client closes a response itself, and a second close() would send
    request_finished, whose handler closes PostgreSQL's connection in the test's transaction.
    """
    response = client.get(path)
    assert response.status_code == 200, path
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()
