"""How a cell becomes a value and back: text, choices by label, related records by name, dates."""

from difflib import get_close_matches
from functools import cached_property

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, widgets

from common.dates import format_dotted_range, parse_date_range, parse_day

from .reading import unescape_formula


class TextWidget(widgets.CharWidget):
    """Text as typed, trimmed, with an export's formula guard taken off."""

    def clean(self, value, row=None, **kwargs):
        value = unescape_formula(value)
        return "" if value is None else str(value).strip()


class URLWidget(TextWidget):
    """A web address; link text without one ("点击查看详细信息") counts as none."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return text if text.startswith(("http://", "https://")) else ""


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value, or by its label in Chinese or in English (制定 / New)."""

    def __init__(self, choices, aliases=None, **kwargs):
        self.choices = choices
        self.aliases = aliases or {}
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        choice = self._lookup.get(text.casefold())
        if choice is None:
            known = "、".join(str(label) for _value, label in self.choices)
            raise ValueError(
                _("“%(value)s”不是可选的值（%(known)s）。") % {"value": text, "known": known}
            )
        return choice

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))

    @cached_property
    def _lookup(self):
        lookup = {alias.casefold(): choice for alias, choice in self.aliases.items()}
        for choice, label in self.choices:
            lookup[str(choice).casefold()] = choice
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    lookup[str(label).casefold()] = choice
        return lookup


class NameWidget(widgets.ForeignKeyWidget):
    """A related record by one of its names; an unknown name is an error naming close matches.

    The names are read once per import, not once per row.
    """

    def __init__(self, model, name_fields, **kwargs):
        self.name_fields = name_fields
        super().__init__(model, field=name_fields[0], **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        names = self._names()
        matches = names.get(text)
        if matches is None:
            close = get_close_matches(text, list(names), n=3, cutoff=0.5)
            hint = (_("相近的有：%(names)s。") % {"names": "、".join(close)}) if close else ""
            raise ValueError(
                _("找不到“%(value)s”：请先在%(model)s中添加。%(hint)s")
                % {"value": text, "model": self.model._meta.verbose_name_plural, "hint": hint}
            )
        if len(matches) > 1:
            raise ValueError(_("“%(value)s”对应多条记录，请写全称。") % {"value": text})
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.name_fields[0])

    def _names(self):
        if getattr(self, "_cache", None) is None:
            self._cache = {}
            for record in self.model.objects.all():
                for name_field in self.name_fields:
                    name = getattr(record, name_field)
                    if name and record not in self._cache.setdefault(name, []):
                        self._cache[name].append(record)
        return self._cache


class IntegerWidget(widgets.Widget):
    """A whole number (参会人数); "60" and 60.0 from a spreadsheet cell alike."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is None or number != int(number) or number < 0:
            raise ValueError(_("“%(value)s”不是整数。") % {"value": text})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateRangeWidget(widgets.Widget):
    """A date range in any of the tables' forms; exported as 2022.06.17-2022.08.17."""

    def clean(self, value, row=None, year=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return parse_date_range(value, year=year)

    def render(self, value, obj=None, **kwargs):
        if not value or None in value:
            return ""
        return format_dotted_range(*value)


class DateWidget(DateRangeWidget):
    """One day, in the same forms; exported as 2022-06-17."""

    def clean(self, value, row=None, year=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return parse_day(value, year=year)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateRangeField(fields.Field):
    """One column (意见征求期) holding two model fields: start_date and end_date."""

    def __init__(self, column_name, start="start_date", end="end_date", **kwargs):
        self.end_attribute = end
        super().__init__(
            attribute=start, column_name=column_name, widget=DateRangeWidget(), **kwargs
        )

    def get_value(self, instance):
        return getattr(instance, self.attribute, None), getattr(instance, self.end_attribute, None)

    def save(self, instance, row, is_m2m=False, **kwargs):
        days = self.clean(row, **kwargs)
        if days is not None:
            setattr(instance, self.attribute, days[0])
            setattr(instance, self.end_attribute, days[1])
