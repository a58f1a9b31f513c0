"""Form fields that read what editors copy from notices."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import DateFormatError, NoSuchDayError, parse_day


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
