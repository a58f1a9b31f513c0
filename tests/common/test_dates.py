import datetime

import pytest
from django.template import Context, Template

from common.dates import MAX_DATE_TEXT, DateFormatError, parse_date_range


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


def test_a_date_longer_than_any_table_writes_is_refused_before_it_is_matched():
    # Well formed but padded: the forms' runs of spaces would make matching it quadratic.
    padded = "2022.06.17" + " " * MAX_DATE_TEXT + "-2022.06.18"

    with pytest.raises(DateFormatError, match="过长"):
        parse_date_range(padded)
    longest = parse_date_range("2022 年 12 月 31 日 至 2023 年 1 月 2 日")
    assert longest == (datetime.date(2022, 12, 31), datetime.date(2023, 1, 2))
