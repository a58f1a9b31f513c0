from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchEntry(models.Model):
    """One public record as the site search finds it.

    The words themselves are indexed beside it, by the database's own full-text search
    (search/backends.py): an FTS5 table on SQLite, a tsvector column on PostgreSQL.
    """

    class Kind(models.TextChoices):
        STANDARD = "standard", pgettext_lazy("kind", "标准")
        COMMENT_REQUEST = "comment_request", pgettext_lazy("kind", "征求意见")
        MEETING = "meeting", pgettext_lazy("kind", "会议")
        NEWS = "news", pgettext_lazy("kind", "行业资讯")
        ISSUE = "issue", pgettext_lazy("kind", "月报")
        COMMITTEE = "committee", pgettext_lazy("kind", "委员会与机构")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("记录编号"))
    title = models.CharField(_("标题"), max_length=500)
    body = models.TextField(_("正文"), blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    committee = models.ForeignKey(
        "standards.Committee",
        verbose_name=_("委员会"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The page's path in the default language (the English one is its translation).
    url = models.CharField(_("网址"), max_length=300)

    class Meta:
        verbose_name = _("搜索条目")
        verbose_name_plural = pgettext_lazy("plural", "搜索条目")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_one_per_record"
            )
        ]
        indexes = [
            models.Index(fields=["year"], name="search_entry_year"),
        ]

    def __str__(self):
        return self.title
