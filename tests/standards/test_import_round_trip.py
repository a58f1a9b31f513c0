"""A downloaded list imports back as it is."""

import pytest

from common.spreadsheets import import_file
from standards.models import CommentRequest, Committee, Standard
from standards.resources import CommentRequestResource, CommitteeResource, StandardResource
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory
from tests.standards.imports import snapshot

# Round trips: a downloaded list imports back as it is

EACH_FORMAT = pytest.mark.parametrize("format", ["csv", "xlsx"])


def round_trip(download_list, name, resource, format):
    content = download_list(name, format)
    return import_file(resource, content, f"export.{format}")


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("name", "resource", "model"),
    [
        ("standards:standard", StandardResource, Standard),
        ("standards:commentrequest", CommentRequestResource, CommentRequest),
        ("standards:committee", CommitteeResource, Committee),
    ],
    ids=["standards", "comment-requests", "committees"],
)
def test_a_downloaded_list_imports_back_unchanged(
    public_demo, download_list, name, resource, model, format
):
    before = snapshot()
    rows = model.objects.published().count() if model is not Committee else model.objects.count()

    report = round_trip(download_list, name, resource(), format)

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (0, 0, rows)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("plan_number", "format"),
    [
        ("20229001-T-339", "csv"),
        ("20229001-T-339", "xlsx"),
        ("", "csv"),
        ("", "xlsx"),
    ],
)
def test_a_standard_title_like_a_formula_round_trips(
    public_demo, download_list, plan_number, format
):
    StandardFactory(plan_number=plan_number, title="=1+1 公式标题", is_public=True)
    before = snapshot()

    report = round_trip(download_list, "standards:standard", StandardResource(), format)

    assert report.errors == []
    assert (report.created, report.updated) == (0, 0)
    assert snapshot() == before


@EACH_FORMAT
def test_a_comment_request_of_a_title_like_a_formula_round_trips(
    public_demo, download_list, format
):
    standard = StandardFactory(plan_number="", title="=1+1 公式标题", is_public=True)
    CommentRequestFactory(standard=standard, is_public=True)
    before = snapshot()

    report = round_trip(download_list, "standards:commentrequest", CommentRequestResource(), format)

    assert report.errors == []
    assert (report.created, report.updated) == (0, 0)
    assert snapshot() == before


@EACH_FORMAT
def test_a_committee_name_like_a_formula_round_trips(public_demo, download_list, format):
    # Groups' short names repeat their names, as the demo's do.
    CommitteeFactory(name="=公式工作组", short_name="=公式工作组")
    before = snapshot()

    report = round_trip(download_list, "standards:committee", CommitteeResource(), format)

    assert report.errors == []
    assert (report.created, report.updated) == (0, 0)
    assert snapshot() == before
