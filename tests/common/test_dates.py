import datetime

from django.template import Context, Template


def render(start, end):
    template = Template("{% load dates %}{% date_range start end %}")
    return template.render(Context({"start": start, "end": end}))


def test_a_range_of_days_shows_both_ends_in_time_elements():
    html = render(datetime.date(2022, 6, 21), datetime.date(2022, 6, 22))

    assert html == (
        '<time datetime="2022-06-21">2022-06-21</time> — '
        '<time datetime="2022-06-22">2022-06-22</time>'
    )


def test_a_single_day_shows_once():
    day = datetime.date(2022, 7, 1)

    assert render(day, day) == render(day, None) == '<time datetime="2022-07-01">2022-07-01</time>'
