"""The sentence that opens a meeting in the bulletin, written from the meeting's facts.

"本次会议于 2022 年 6 月 21-22 日在苏州召开，来自…的 50 名专家代表参加了此次会议。" Each piece is
a translatable string with named placeholders, so that /en/ reads an English sentence around the
(Chinese) names and attendees.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from standards.models import Committee

MONTHS = {
    # Translators: a month's name in a meeting's dates, "June"; the Chinese writes its number.
    1: pgettext_lazy("month", "1 月"),
    2: pgettext_lazy("month", "2 月"),
    3: pgettext_lazy("month", "3 月"),
    4: pgettext_lazy("month", "4 月"),
    5: pgettext_lazy("month", "5 月"),
    6: pgettext_lazy("month", "6 月"),
    7: pgettext_lazy("month", "7 月"),
    8: pgettext_lazy("month", "8 月"),
    9: pgettext_lazy("month", "9 月"),
    10: pgettext_lazy("month", "10 月"),
    11: pgettext_lazy("month", "11 月"),
    12: pgettext_lazy("month", "12 月"),
}

PLACEHOLDER = re.compile(r"(%\(\w+\)[sd])")
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")


def interpolate(template, **values):
    """Fill the placeholders, with a space wherever a Chinese character meets a Latin one or a
    digit, as the bulletin sets them ("于 2022 年", "来自 GB 21670 标准工作组")."""
    text = ""
    for piece in PLACEHOLDER.split(str(template)):
        if PLACEHOLDER.fullmatch(piece):
            piece = piece % values
        if text and piece and _set_apart(text[-1], piece[0]):
            text += " "
        text += piece
    return text


def _set_apart(left, right):
    return bool(
        (IDEOGRAPH.match(left) and LATIN_OR_DIGIT.match(right))
        or (LATIN_OR_DIGIT.match(left) and IDEOGRAPH.match(right))
    )


def meeting_lead(meeting):
    held = (
        interpolate(_("本次会议于%(dates)s%(venue)s召开"), dates=dates(meeting), venue=venue)
        if (venue := venue_phrase(meeting))
        else interpolate(_("本次会议于%(dates)s召开"), dates=dates(meeting))
    )
    return interpolate(
        _("%(lead)s。"), lead=held + organiser_clause(meeting) + participants_clause(meeting)
    )


def dates(meeting):
    start, end = meeting.start_date, meeting.end_date or meeting.start_date
    values = {
        "year": start.year,
        "month": MONTHS[start.month],
        "day": start.day,
        "end_year": end.year,
        "end_month": MONTHS[end.month],
        "end_day": end.day,
    }
    if start == end:
        template = _("%(year)s 年 %(month)s %(day)s 日")
    elif start.year != end.year:
        template = _(
            "%(year)s 年 %(month)s %(day)s 日至 %(end_year)s 年 %(end_month)s %(end_day)s 日"
        )
    elif start.month != end.month:
        template = _("%(year)s 年 %(month)s %(day)s 日至 %(end_month)s %(end_day)s 日")
    else:
        template = _("%(year)s 年 %(month)s %(day)s-%(end_day)s 日")
    return interpolate(template, **values)


def venue_phrase(meeting):
    Mode = meeting.Mode
    city = meeting.city
    if meeting.mode == Mode.ONLINE:
        # The city of an online meeting is only where its hosts sat.
        return _("以网络会议形式")
    if meeting.mode == Mode.HYBRID:
        return (
            interpolate(_("在%(city)s以线上线下结合形式"), city=city)
            if city
            else _("以线上线下结合形式")
        )
    if city:
        return interpolate(_("在%(city)s"), city=city)
    if meeting.mode == Mode.IN_PERSON:
        return _("以现场会议形式")
    return ""


def organiser_clause(meeting):
    """Name the organiser ("会议由汽标委挂车分标委组织开展") when the title names another body.

    Only committees are named: a group's or an outside body's meeting is its own, and the seed's
    titles name such organisers loosely ("GB 21670《…》功能安全讨论会") or not at all.
    """
    organiser = meeting.organiser
    if organiser.kind not in (Committee.Kind.TC, Committee.Kind.SC):
        return ""
    title = _normalised(meeting.title)
    if any(_normalised(name) in title for name in _title_names(organiser)):
        return ""
    return interpolate(_("，会议由%(organiser)s组织开展"), organiser=_bulletin_name(organiser))


def _title_names(committee):
    if committee.kind == Committee.Kind.SC and committee.short_name:
        # "汽标委挂车分标委标准技术研讨会": the short name alone ("挂车") would match other topics.
        return {committee.name, f"{committee.short_name}分标委"}
    return {committee.name, committee.display_name}


def _bulletin_name(committee):
    if committee.kind == Committee.Kind.SC and committee.short_name and committee.parent:
        return interpolate(
            # Translators: a sub-committee named under its committee, "汽标委挂车分标委".
            _("%(committee)s%(short_name)s分标委"),
            committee=committee.parent.display_name,
            short_name=committee.short_name,
        )
    return committee.display_name


def _normalised(text):
    return re.sub(r"\s", "", text).replace("（", "(").replace("）", ")")


def participants_clause(meeting):
    attendees = meeting.attendees
    if meeting.participant_count is None:
        if not attendees:
            return ""
        participants = meeting.get_participant_role_display() or _("代表")
    elif meeting.participant_unit == meeting.ParticipantUnit.ORGANISATIONS:
        if attendees:
            template = _("，包括%(attendees)s%(participants)s参与")
        else:
            template = _("，共%(participants)s参与")
        return interpolate(template, attendees=attendees, participants=meeting.participants_display)
    else:
        participants = people(meeting)
    if attendees:
        template = _("，来自%(attendees)s的%(participants)s参加了此次会议")
    else:
        template = _("，%(participants)s参加了此次会议")
    return interpolate(template, attendees=attendees, participants=participants)


def people(meeting):
    """Who took part: 60 余位专家代表, 近 50 位专家, 50 名代表; 60 余人 without a role."""
    if not meeting.participant_role:
        return meeting.participants_display
    Qualifier = meeting.CountQualifier
    template = {
        Qualifier.EXACT: _("%(count)d 名%(role)s"),
        Qualifier.OVER: _("%(count)d 余位%(role)s"),
        Qualifier.NEARLY: _("近 %(count)d 位%(role)s"),
    }[meeting.participant_count_qualifier]
    return interpolate(
        template, count=meeting.participant_count, role=meeting.get_participant_role_display()
    )
