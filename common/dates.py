"""Chinese date ranges as the bulletin prints them ("6月28-30日")."""

from datetime import date, timedelta


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
    return f"{start_date:%Y.%m.%d}-{end_date:%Y.%m.%d}"


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
