import pytest

from standards import services
from standards.models import Standard
from tests.standards.factories import CommentRequestFactory, StandardFactory

pytestmark = pytest.mark.django_db


def test_a_new_standards_level_comes_from_its_plan_number():
    standard = services.new_standard(
        plan_number="20220101-Z-339", title="汽车术语", level="gb", stage="comment"
    )

    assert standard.level == Standard.Level.GUIDANCE


def test_a_plan_number_entered_meanwhile_by_someone_else_is_theirs():
    request = CommentRequestFactory.build(standard=None, proposer=StandardFactory().committee)
    mine = services.new_standard(
        plan_number="20220101-T-339", title="汽车术语", level="", stage="comment"
    )
    theirs = StandardFactory(plan_number="20220101-T-339", title="汽车术语")

    standard = services.save_with_standard(request, mine, request.save)

    assert standard == theirs
    assert request.standard == theirs
    assert Standard.objects.filter(plan_number="20220101-T-339").count() == 1
