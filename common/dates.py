"""Chinese date ranges as the bulletin prints them ("6月28-30日")."""

import re
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _


def format_day_range(start_date, end_date=None):
    """Render a range compactly: 6月28日, 6月28-30日, 6月30日-7月2日, across years in full."""
    end_date = end_date or start_date
    if start_date == end_date:
        return f"{start_date.month}月{start_date.day}日"
    if start_date.year != end_date.year:
        return (
            f"{start_date.year}年{start_date.month}月{start_date.day}日-"
            f"{end_date.year}年{end_date.month}月{end_date.day}日"
        )
    if start_date.month != end_date.month:
        return f"{start_date.month}月{start_date.day}日-{end_date.month}月{end_date.day}日"
    return f"{start_date.month}月{start_date.day}-{end_date.day}日"


def format_dotted_range(start_date, end_date):
    """Render a comment period as the bulletin's tables do: 2022.06.17-2022.08.17."""
    # Not strftime: a download formats one for each of thousands of rows, and this is 5× faster.
    return f"{_dotted(start_date)}-{_dotted(end_date)}"


def _dotted(day):
    return day.isoformat().replace("-", ".")


def format_month_range(start_date, end_date):
    """Name the months of a span as headings do: 2022年6月, 2022年6-7月, 2022年12月-2023年1月."""
    if (start_date.year, start_date.month) == (end_date.year, end_date.month):
        return f"{start_date.year}年{start_date.month}月"
    if start_date.year == end_date.year:
        return f"{start_date.year}年{start_date.month}-{end_date.month}月"
    return f"{start_date.year}年{start_date.month}月-{end_date.year}年{end_date.month}月"


def previous_month(year, month):
    """The first and last day of the calendar month before year/month."""
    last_day = date(year, month, 1) - timedelta(days=1)
    return last_day.replace(day=1), last_day


def last_day_of_month(year, month):
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


class DateFormatError(ValueError):
    """Text that is not one of the date or date-range forms the secretariat's tables use."""


class NoSuchDayError(DateFormatError):
    """A date written in one of the forms, on a day the calendar does not have (2022.02.30)."""


# The longest date or range a table writes ("2022 年 12 月 31 日 至 2023 年 1 月 2 日") with room.
MAX_DATE_TEXT = 64
_DASH = r"\s*[-－—–~～至到]\s*"
_FULL_DATE = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?")
_FULL_RANGE = re.compile(rf"^{_FULL_DATE.pattern}(?:{_DASH}{_FULL_DATE.pattern})?$")
# 6月28-30日, 2022年6月21-22日, 6月30日-7月2日, 6月28日
_CHINESE_RANGE = re.compile(
    rf"^(?:(\d{{4}})\s*年)?\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日?"
    rf"(?:{_DASH}(?:(\d{{1,2}})\s*月)?\s*(\d{{1,2}})\s*日?)?$"
)


def parse_date_range(value, year=None):
    """(start, end) from the forms the tables use: 2022.06.17-2022.08.17, 2022-06-17,
    2022年6月21-22日, 6月28-30日 (its year given by `year`); a single day is a one-day range.

    Dates and datetimes (spreadsheet cells) are taken as they are.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value, value
    text = str(value or "").strip()
    if not text:
        raise DateFormatError(_("没有填写日期。"))
    if len(text) > MAX_DATE_TEXT:
        # The forms' runs of spaces backtrack: a long text would cost seconds of regex matching.
        raise DateFormatError(
            _("日期“%(value)s…”过长：最多 %(limit)d 个字符。")
            % {"value": text[:20], "limit": MAX_DATE_TEXT}
        )
    if match := _FULL_RANGE.match(text):
        parts = [int(part) for part in match.groups() if part is not None]
        start = _day(text, *parts[:3])
        end = _day(text, *parts[3:]) if len(parts) == 6 else start
    elif match := _CHINESE_RANGE.match(text):
        start_year, month, day, end_month, end_day = match.groups()
        start_year = int(start_year) if start_year else year
        if start_year is None:
            raise DateFormatError(
                _("“%(value)s”没有年份：请在导入时指定表中日期的年份。") % {"value": text}
            )
        start = _day(text, start_year, int(month), int(day))
        end = _day(
            text,
            start_year,
            int(end_month or month),
            int(end_day or day),
        )
        if end < start and end_month:  # 12月30日-1月2日 runs into the next year
            end = _day(text, start_year + 1, end.month, end.day)
    else:
        raise DateFormatError(
            _(
                "无法识别日期“%(value)s”：可写作 2022.06.17-2022.08.17、2022-06-17、"
                "2022年6月21-22日或 6月28-30日。"
            )
            % {"value": text}
        )
    if end < start:
        raise DateFormatError(_("“%(value)s”的结束日期早于开始日期。") % {"value": text})
    return start, end


def parse_day(value, year=None):
    """One day in any of the forms of parse_date_range: 2022-07-20, 2022.07.20, 2022/7/20,
    2022年7月20日 (6月28日 given `year`); a range is refused."""
    start, end = parse_date_range(value, year=year)
    if start != end:
        raise DateFormatError(_("这里应是一个日期，不是日期范围。"))
    return start


def _day(text, year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        raise NoSuchDayError(_("“%(value)s”中的日期不存在。") % {"value": text}) from None
