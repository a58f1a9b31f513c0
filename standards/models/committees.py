"""The committee tree: TC, sub-committees, working groups and outside bodies."""

import re
from functools import reduce
from operator import and_, or_

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.models import (
    VersionedModel,
)

# How the secretariat shortens names in its texts: 智能网联分标委, 汽标委挂车分标委.
SHORTHANDS = {"分标委": "分技术委员会", "标委会": "标准化技术委员会", "标委": "标准化技术委员会"}
_SHORTHAND = re.compile("(" + "|".join(sorted(SHORTHANDS, key=len, reverse=True)) + ")")
OWN_NAMES = ("name", "short_name", "code")
PARENT_NAMES = ("parent__name", "parent__short_name")


class CommitteeQuerySet(models.QuerySet):
    def matching(self, term):
        """The committees a secretary means by what they type, the likeliest first.

        Each word is found in the name, short name or code as typed ("自动驾驶", "汽标委",
        "TC114"), or with its shorthands written out: "智能网联分标委" is the committee named
        with 智能网联 and 分技术委员会, "汽标委挂车分标委" the 挂车 sub-committee of the
        汽车标准化技术委员会 (the pieces first typed may name the parent). A committee so named
        exactly comes first, then one containing every word as typed, then the rest by name.
        """
        words = term.split()
        if not words:
            return self
        as_typed = reduce(and_, (_containing(word, OWN_NAMES) for word in words))
        exact = reduce(or_, (Q(**{f"{field}__iexact": term.strip()}) for field in OWN_NAMES))
        rank = Case(When(exact, then=Value(0)), When(as_typed, then=Value(1)), default=Value(2))
        found = reduce(and_, (_word(word) for word in words))
        return self.filter(found).annotate(match_rank=rank).order_by("match_rank", "name")


def _containing(text, fields):
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))


def _word(word):
    """The word as typed, or its pieces (shorthands written out): the last in the committee's
    own names, those before them, if any, in its parent's."""
    typed = _containing(word, OWN_NAMES)
    pieces = [SHORTHANDS.get(piece, piece) for piece in _SHORTHAND.split(word) if piece]
    if pieces == [word]:
        return typed
    for split in range(len(pieces)):
        parents, own = pieces[:split], pieces[split:]
        typed |= reduce(
            and_,
            [_containing(piece, PARENT_NAMES) for piece in parents]
            + [_containing(piece, OWN_NAMES) for piece in own],
        )
    return typed


class Committee(VersionedModel):
    """A technical committee, one of its sub-committees or groups, or an external body.

    External bodies (a ministry department, a UN WP.29 group) are here too because they
    propose standards and organise meetings just as committees do.
    """

    class Kind(models.TextChoices):
        TC = "tc", _("技术委员会")
        SC = "sc", _("分技术委员会")
        WORKING_GROUP = "working_group", _("工作组")
        STUDY_GROUP = "study_group", _("研究组")
        DRAFTING_GROUP = "drafting_group", _("起草组")
        EXTERNAL = "external", _("外部机构")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(
        _("简称"), max_length=100, blank=True, help_text=_("表格中显示的名称，如“电子与电磁兼容”。")
    )
    code = models.CharField(
        _("编号"), max_length=50, blank=True, help_text=_("如 SAC/TC114/SC29，没有可留空。")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = CommitteeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("委员会或机构")
        verbose_name_plural = pgettext_lazy("plural", "委员会与机构")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="committee_code_unique_when_given"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("standards:committee-detail", kwargs={"pk": self.pk})

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def is_committee(self):
        """A committee or one of its groups, not an outside body."""
        return self.kind != self.Kind.EXTERNAL

    def ancestors(self):
        """The chain of parents, nearest first."""
        chain = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self):
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self in self.parent.ancestors())
        ):
            raise ValidationError({"parent": _("上级不能是本身或其下级。")})
