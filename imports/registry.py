"""The kinds of records a spreadsheet can hold, each registered by the app that owns them.

An app registers its kinds in its AppConfig.ready(): the value stored on an ImportJob (never
renamed: old jobs keep it), the label, the resource that imports the table, and the options the
editor gives because the table leaves them out (the year of dates written without one; the
level of a table of standards). The admin's import form, a job's page and `import_records`
take their kinds and options from here, so that this app names no other.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ImportOption:
    """What the editor says of a table at import, passed to its resource as `name`.

    `field` makes the admin's form field (called with extra keyword arguments, e.g. a hidden
    widget) and `initial`, when given, its first value; `shown_as` shows a job's value (a
    %-format with the option's name); `command_help`, `command_type` and `check` (raising
    ValueError) are the `import_records` option's.
    """

    name: str
    field: Callable
    shown_as: str
    command_help: str
    command_type: Callable = str
    check: Callable | None = None
    initial: Callable | None = None


@dataclass(frozen=True)
class ImportKind:
    value: str
    label: str
    resource_class: type
    options: tuple = ()


YEAR = ImportOption(
    name="year",
    field=partial(
        forms.IntegerField,
        label=_("表中日期的年份"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("用于没有写年份的日期，如“6月28-30日”。"),
    ),
    shown_as=_("表中日期的年份：%(year)s"),
    command_help=_("表中没有写年份的日期（如“6月28-30日”）的年份"),
    command_type=int,
    initial=lambda: timezone.localdate().year,
)

_kinds = {}


def register(value, label, resource_class, options=()):
    """Offer `resource_class`'s table for import as `value` (an app's ready() calls this)."""
    kind = ImportKind(value, label, resource_class, tuple(options))
    known = _kinds.get(value)
    if known is not None and known.resource_class is not resource_class:
        raise ImproperlyConfigured(f"Import kind {value!r} is registered twice.")
    _kinds[value] = kind
    _check_options()
    return kind


def kinds():
    return list(_kinds.values())


def get(value):
    return _kinds[value]


def kind_of(resource_class):
    """The kind a resource imports (or a subclass of it, as the admin makes)."""
    for kind in _kinds.values():
        if issubclass(resource_class, kind.resource_class):
            return kind
    raise LookupError(f"{resource_class.__name__} is registered for no import kind.")


def choices():
    """The choices of ImportJob.kind: a callable, so that registering a kind is no migration."""
    return [(kind.value, kind.label) for kind in _kinds.values()]


def options():
    """Every kind's options, each once, in the order they were registered."""
    found = {}
    for kind in _kinds.values():
        for option in kind.options:
            found.setdefault(option.name, option)
    return list(found.values())


def _check_options():
    seen = {}
    for kind in _kinds.values():
        for option in kind.options:
            if seen.setdefault(option.name, option) is not option:
                raise ImproperlyConfigured(f"Two import options are named {option.name!r}.")
