"""Chinese is the default; English is a full translation of the project's own words."""

import pytest
from django.utils import translation

from meetings.models import Meeting
from standards.models import CommentRequest, Standard
from tests.meetings.factories import MeetingFactory


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_models_and_choices_read_in_chinese_by_default():
    assert str(Standard._meta.verbose_name) == "标准"
    assert Standard.Level.RECOMMENDED.label == "推荐性国家标准"


def test_models_and_choices_read_in_english(english):
    assert str(Standard._meta.verbose_name_plural) == "Standards"
    assert str(CommentRequest._meta.verbose_name_plural) == "Comment requests"
    assert Standard.Stage.COMMENT.label == "Open for comment"
    assert CommentRequest.Status.CLOSED.label != "已截止"


@pytest.mark.parametrize(
    ("qualifier", "unit", "text"),
    [
        (Meeting.CountQualifier.OVER, Meeting.ParticipantUnit.PEOPLE, "over 60 people"),
        (Meeting.CountQualifier.NEARLY, Meeting.ParticipantUnit.PEOPLE, "nearly 60 people"),
        (Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.ORGANISATIONS, "60 organisations"),
    ],
)
def test_participant_counts_read_as_whole_english_phrases(english, qualifier, unit, text):
    meeting = MeetingFactory.build(
        participant_count=60, participant_count_qualifier=qualifier, participant_unit=unit
    )

    assert meeting.participants_display == text
