"""Form fields for what the secretariat types as notices and its tables print it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import DateFormatError, NoSuchDayError, format_dotted_range, parse_date_range, parse_day


class NoticeDateField(forms.DateField):
    """A day as notices and the bulletin write it: 2022-07-20, 2022.07.20, 2022/7/20 or
    2022年7月20日, read by the parser the imports use, whatever the page's language.

    Django's own input formats depend on the language, and its zh-Hans ones cannot read
    2022年7月20日 (they use date-format letters, %n and %j, which strptime refuses).
    """

    default_error_messages = {
        "invalid": _("请按 2022-07-20、2022.07.20、2022/7/20 或 2022年7月20日 的格式输入日期。"),
        "no_such_day": _("没有“%(value)s”这一天。"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_day(value)
        except NoSuchDayError:
            raise ValidationError(
                self.error_messages["no_such_day"], code="no_such_day", params={"value": value}
            ) from None
        except DateFormatError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class PeriodField(forms.Field):
    """A period in one box, as notices and tables write it: 2022.06.17-2022.08.17, 2022年6月
    21-22日, or 6月28-30日 of this year. Cleans to (start, end)."""

    widget = forms.TextInput

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_date_range(text, year=timezone.localdate().year)
        except DateFormatError as error:
            raise ValidationError(str(error), code="invalid_period") from None

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return format_dotted_range(*value)
        return value


class PeriodForm(forms.ModelForm):
    """The model form of a DateRangeModel whose start and end dates are typed as one period."""

    period = PeriodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.start_date and self.instance.end_date:
            self.initial.setdefault(
                "period", format_dotted_range(self.instance.start_date, self.instance.end_date)
            )

    def clean(self):
        cleaned_data = super().clean()
        if period := cleaned_data.get("period"):
            # The dates are no fields of the form: the instance takes them before it is checked.
            self.instance.start_date, self.instance.end_date = period
        return cleaned_data
