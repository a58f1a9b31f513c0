"""Chinese date ranges as the bulletin prints them ("6月28-30日")."""


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
