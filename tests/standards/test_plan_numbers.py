import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from standards.models import Standard
from standards.plan_numbers import validate_plan_number
from tests.standards.factories import StandardFactory


@pytest.mark.parametrize(
    "plan_number",
    ["20213570-T-339", "20220001-Q-339", "20193383-Z-339", "2021-0123T-QC"],
)
def test_well_formed_plan_numbers_pass(plan_number):
    validate_plan_number(plan_number)


@pytest.mark.parametrize(
    "plan_number",
    [
        "2021357-T-339",  # serial too short
        "20213570-X-339",  # unknown kind letter
        "20213570-T-33",  # ministry code too short
        "20213570T339",  # separators missing
        "30213570-T-339",  # not a year
        " 20213570-T-339",  # stray space from a spreadsheet
        "20213570－T－339",  # full-width hyphens
    ],
)
def test_malformed_plan_numbers_are_refused(plan_number):
    with pytest.raises(ValidationError) as error:
        validate_plan_number(plan_number)
    assert error.value.code == "invalid_plan_number"


@pytest.mark.django_db
def test_a_bad_plan_number_is_refused_with_a_message_that_shows_the_format():
    standard = StandardFactory.build(plan_number="2021-3570-T", committee=None)

    with pytest.raises(ValidationError) as error:
        standard.full_clean()

    message = error.value.message_dict["plan_number"][0]
    assert "2021-3570-T" in message
    assert "20213570-T-339" in message


@pytest.mark.django_db
def test_plan_number_letter_must_match_the_level():
    standard = StandardFactory.build(
        plan_number="20220001-Q-339", level=Standard.Level.RECOMMENDED, committee=None
    )

    with pytest.raises(ValidationError) as error:
        standard.full_clean()

    assert "强制性国家标准" in error.value.message_dict["plan_number"][0]


@pytest.mark.django_db
def test_a_mandatory_plan_number_fits_a_mandatory_standard():
    standard = StandardFactory.build(
        plan_number="20220001-Q-339", level=Standard.Level.MANDATORY, committee=None
    )

    standard.full_clean()


@pytest.mark.django_db
def test_plan_number_may_be_left_blank_by_several_standards():
    StandardFactory(plan_number="")
    StandardFactory(plan_number="")

    assert Standard.objects.filter(plan_number="").count() == 2


@pytest.mark.django_db
def test_a_given_plan_number_is_unique():
    StandardFactory(plan_number="20213570-T-339")

    with pytest.raises(IntegrityError):
        StandardFactory(plan_number="20213570-T-339")
