"""Plan numbers (计划号) of national and industry standard projects.

National: 20213570-T-339 = year 2021, serial 3570, T recommended (Q mandatory, Z guidance),
339 the responsible ministry. Industry (QC/T): 2021-0123T-QC.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NATIONAL = re.compile(r"^(?P<year>(?:19|20)\d\d)\d{4}-(?P<kind>[TQZ])-\d{3}$")
INDUSTRY = re.compile(r"^(?P<year>(?:19|20)\d\d)-\d{4}(?P<kind>[TZ])-QC$")

FORMAT_HELP = _(
    "国家标准计划号形如 20213570-T-339（年份与 4 位序号、T 推荐性 / Q 强制性 / Z 指导性、"
    "3 位部门代号）；行业标准计划号形如 2021-0123T-QC。"
)


def parse(value):
    """Return (scheme, kind letter) of a well-formed plan number, or None."""
    for scheme, pattern in (("national", NATIONAL), ("industry", INDUSTRY)):
        match = pattern.match(value)
        if match:
            return scheme, match["kind"]
    return None


def validate_plan_number(value):
    if parse(value) is None:
        raise ValidationError(
            _("计划号“%(value)s”格式不正确。%(help)s"),
            code="invalid_plan_number",
            params={"value": value, "help": FORMAT_HELP},
        )
