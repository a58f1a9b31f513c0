import datetime

import pytest
from django.db import IntegrityError

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory


@pytest.mark.parametrize(
    ("count", "qualifier", "unit", "text"),
    [
        (50, Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.PEOPLE, "50 人"),
        (60, Meeting.CountQualifier.OVER, Meeting.ParticipantUnit.PEOPLE, "60 余人"),
        (50, Meeting.CountQualifier.NEARLY, Meeting.ParticipantUnit.PEOPLE, "近 50 人"),
        (36, Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.ORGANISATIONS, "36 家单位"),
        (None, Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.PEOPLE, ""),
    ],
)
def test_participants_read_as_in_the_bulletin(count, qualifier, unit, text):
    meeting = MeetingFactory.build(
        participant_count=count, participant_count_qualifier=qualifier, participant_unit=unit
    )

    assert meeting.participants_display == text
    assert meeting.is_participant_count_approximate == (qualifier != "")


@pytest.mark.django_db
def test_section_text_pasted_with_scripts_and_styles_keeps_only_its_text_and_lists():
    section = MeetingSectionFactory(
        body='<p style="color:red" onclick="x()">讨论<script>alert(1)</script></p>'
        "<ol><li>要点一</li></ol>"
    )

    section.refresh_from_db()
    assert section.body == "<p>讨论</p><ol><li>要点一</li></ol>"


@pytest.mark.django_db
def test_sections_come_in_their_order():
    meeting = MeetingFactory()
    MeetingSectionFactory(meeting=meeting, heading="next_steps", order=2)
    MeetingSectionFactory(meeting=meeting, heading="agenda", order=1)

    assert [s.heading for s in meeting.sections.all()] == ["agenda", "next_steps"]


@pytest.mark.django_db
def test_the_database_refuses_a_meeting_that_ends_before_it_starts():
    meeting = MeetingFactory(
        start_date=datetime.date(2022, 6, 21), end_date=datetime.date(2022, 6, 21)
    )

    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(end_date=datetime.date(2022, 6, 20))


@pytest.mark.django_db
def test_empty_paragraphs_left_by_the_editor_are_dropped():
    section = MeetingSectionFactory(body="<p></p><p>要点</p><p><br></p><p>&nbsp; </p>")

    section.refresh_from_db()
    assert section.body == "<p>要点</p>"
