"""The committee tree: TC, sub-committees, working groups and outside bodies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.models import (
    VersionedModel,
)


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
