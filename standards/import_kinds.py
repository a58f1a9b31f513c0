"""The standards' tables as the imports app offers them: standards (表1), comment requests
(表2–表4) and committees, and the option naming the level of a table that does not say it."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from imports import registry

from .resources import LEVELS, CommentRequestResource, CommitteeResource, StandardResource

LEVEL_CHOICES = [
    ("", "—"),
    ("表2", _("表2：强制性国家标准")),
    ("表3", _("表3：推荐性国家标准")),
    ("表4", _("表4：汽车行业标准")),
]

LEVEL = registry.ImportOption(
    name="level",
    field=partial(
        forms.ChoiceField,
        label=_("标准层级（表2/表3/表4）"),
        required=False,
        choices=LEVEL_CHOICES,
        help_text=_("表中没有“层级”列、也没有计划号时，新标准的层级。"),
    ),
    shown_as=_("标准层级：%(level)s"),
    command_help=_("表中没有“层级”列、也没有计划号时新标准的层级：表2、表3、表4 或 GB、GB/T、QC/T"),
    # The command line also takes the levels' codes, as the tables' 层级 column does.
    check=LEVELS.clean,
)


def register():
    registry.register("standards", _("标准"), StandardResource, [registry.YEAR, LEVEL])
    registry.register(
        "comment-requests", _("征求意见"), CommentRequestResource, [registry.YEAR, LEVEL]
    )
    registry.register("committees", _("委员会或机构"), CommitteeResource)
