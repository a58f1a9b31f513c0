"""Form fields for what the secretariat types as its tables print it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .dates import DateFormatError, format_dotted_range, parse_date_range


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
