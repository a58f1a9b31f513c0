from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import Attachment, TimestampedModel
from common.richtext import RichTextField


class NewsItem(TimestampedModel):
    """An item of industry news (行业资讯) with its source and attachments."""

    title = models.CharField(_("标题"), max_length=300)
    date = models.DateField(_("日期"), null=True, blank=True, help_text=_("消息发布日期。"))
    region = models.CharField(
        _("地区"), max_length=50, blank=True, help_text=_("地方消息填写省市，如“广东”。")
    )
    body = RichTextField(_("正文"), help_text=_("可用段落与列表；粘贴的其他格式会被清除。"))
    source = models.CharField(_("信息来源"), max_length=200, blank=True)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("行业资讯")
        verbose_name_plural = pgettext_lazy("plural", "行业资讯")
        ordering = [F("date").desc(nulls_last=True), "-pk"]

    def __str__(self):
        return self.title


class NewsAttachment(Attachment):
    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("资讯"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("资讯附件")
        verbose_name_plural = pgettext_lazy("plural", "资讯附件")


class SecretariatProfile(models.Model):
    """The secretariat's contact block on the cover; there is one."""

    name = models.CharField(_("名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=300)
    postcode = models.CharField(_("邮编"), max_length=20, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网址"), blank=True)
    logo = models.ImageField(_("标志"), upload_to="profile/", blank=True)

    class Meta:
        verbose_name = _("秘书处信息")
        verbose_name_plural = pgettext_lazy("plural", "秘书处信息")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Issue(TimestampedModel):
    """One monthly bulletin (月报)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("待审核")
        APPROVED = "approved", _("已批准")
        PUBLISHED = "published", _("已发布")

    year = models.PositiveSmallIntegerField(
        _("年"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("月"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    number = models.PositiveSmallIntegerField(_("期号"), help_text=_("当年第几期。"))
    highlights = models.TextField(
        _("主要内容"), blank=True, help_text=_("封面“主要内容”，每行一条。")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        verbose_name = pgettext_lazy("one issue", "月报")
        verbose_name_plural = pgettext_lazy("plural", "月报")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_issue_per_month"),
        ]
        permissions = [
            ("approve_issue", _("可审核批准月报")),
            ("publish_issue", _("可发布月报")),
        ]

    def __str__(self):
        return f"{self.year}/{self.month:02d}"

    @property
    def highlight_list(self):
        return [line.strip() for line in self.highlights.splitlines() if line.strip()]
