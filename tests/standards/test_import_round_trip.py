"""A downloaded list imports back as it is."""

import pytest

from standards.models import CommentRequest, Committee, Standard
from standards.resources import CommentRequestResource, CommitteeResource, StandardResource
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory
from tests.standards.imports import snapshot

# Round trips: a downloaded list imports back as it is

EACH_FORMAT = pytest.mark.parametrize("format", ["csv", "xlsx"])


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
    public_demo, imports_back, name, resource, model, format
):
    rows = model.objects.published().count() if model is not Committee else model.objects.count()

    report = imports_back(name, resource(), format, snapshot)

    assert report.skipped == rows


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
    public_demo, imports_back, plan_number, format
):
    StandardFactory(plan_number=plan_number, title="=1+1 公式标题", is_public=True)

    imports_back("standards:standard", StandardResource(), format, snapshot)


@EACH_FORMAT
def test_a_comment_request_of_a_title_like_a_formula_round_trips(public_demo, imports_back, format):
    standard = StandardFactory(plan_number="", title="=1+1 公式标题", is_public=True)
    CommentRequestFactory(standard=standard, is_public=True)

    imports_back("standards:commentrequest", CommentRequestResource(), format, snapshot)


@EACH_FORMAT
def test_a_committee_name_like_a_formula_round_trips(public_demo, imports_back, format):
    # Groups' short names repeat their names, as the demo's do.
    CommitteeFactory(name="=公式工作组", short_name="=公式工作组")

    imports_back("standards:committee", CommitteeResource(), format, snapshot)
