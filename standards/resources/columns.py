"""What the standards' tables share: levels, committees by name, plain text columns."""

from import_export import fields

from common.spreadsheets import (
    ChoiceWidget,
    NameWidget,
    TextWidget,
)

from ..models import Committee, Standard

LEVEL_ALIASES = {
    "GB": Standard.Level.MANDATORY,
    "GB/T": Standard.Level.RECOMMENDED,
    "GB/Z": Standard.Level.GUIDANCE,
    "QC/T": Standard.Level.INDUSTRY,
    # The bulletin's tables: 表2 mandatory, 表3 recommended national, 表4 industry.
    "表2": Standard.Level.MANDATORY,
    "表3": Standard.Level.RECOMMENDED,
    "表4": Standard.Level.INDUSTRY,
}


def committee_widget():
    return NameWidget(Committee, ["name", "short_name", "code"])


def level_widget():
    return ChoiceWidget(Standard.Level.choices, LEVEL_ALIASES)


LEVELS = level_widget()


def text(column, attribute):
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


def level_from(plan_number, table_level=None):
    if level := Standard.level_of_plan_number(plan_number):
        return level
    if table_level:
        return LEVELS.clean(table_level)
    return ""
