"""Each app registers its own kinds of import with the imports app, which names none of them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from bulletin.resources import NewsItemResource
from imports import registry
from imports.models import ImportJob
from meetings.resources import MeetingResource
from standards.resources import CommentRequestResource, CommitteeResource, StandardResource

pytestmark = pytest.mark.django_db


def test_each_app_registers_its_kinds_with_their_options():
    kinds = {
        kind.value: (str(kind.label), kind.resource_class, [o.name for o in kind.options])
        for kind in registry.kinds()
    }

    assert kinds == {
        "standards": ("标准", StandardResource, ["year", "level"]),
        "comment-requests": ("征求意见", CommentRequestResource, ["year", "level"]),
        "committees": ("委员会或机构", CommitteeResource, []),
        "meetings": ("会议", MeetingResource, ["year"]),
        "news": ("行业资讯", NewsItemResource, ["year"]),
    }


@pytest.mark.parametrize(
    ("model", "options"),
    [
        ("standards_standard", ["year", "level"]),
        ("standards_commentrequest", ["year", "level"]),
        ("standards_committee", []),
        ("meetings_meeting", ["year"]),
        ("bulletin_newsitem", ["year"]),
    ],
)
def test_the_import_page_asks_for_the_options_of_its_kind(editor_client, model, options):
    response = editor_client.get(reverse(f"admin:{model}_import"))

    fields = list(response.context["form"].fields)
    assert fields == ["resource", "import_file", "pasted_table", "format", *options]


def test_a_jobs_page_shows_its_options(admin_client):
    job = ImportJob.objects.create(
        kind="comment-requests",
        original_filename="表3.csv",
        options={"year": 2022, "level": "表3"},
        status=ImportJob.Status.SUCCEEDED,
    )

    page = admin_client.get(reverse("admin:imports_importjob_change", args=[job.pk]))

    assert "表中日期的年份：2022；标准层级：表3" in page.text
    assert "征求意见" in page.text


def test_registering_a_kind_needs_no_migration(monkeypatch):
    monkeypatch.setattr(registry, "_kinds", dict(registry._kinds))
    registry.register("news-again", "另一种资讯", type("Other", (NewsItemResource,), {}))

    assert ("news-again", "另一种资讯") in ImportJob._meta.get_field("kind").choices
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
