import pytest
from django.core.exceptions import ValidationError

from standards.models import Committee
from tests.standards.factories import CommitteeFactory


@pytest.mark.django_db
def test_a_committee_cannot_be_placed_under_its_own_group():
    tc = CommitteeFactory(name="全国汽车标准化技术委员会", kind=Committee.Kind.TC)
    sc = CommitteeFactory(name="挂车分技术委员会", parent=tc)
    tc.parent = sc

    with pytest.raises(ValidationError) as error:
        tc.full_clean()

    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_ancestors_run_from_the_nearest_parent_up():
    tc = CommitteeFactory(name="全国汽车标准化技术委员会", kind=Committee.Kind.TC)
    sc = CommitteeFactory(name="电子与电磁兼容分技术委员会", parent=tc)
    group = CommitteeFactory(name="汽车电子环境及可靠性评价工作组", parent=sc)

    assert group.ancestors() == [sc, tc]
