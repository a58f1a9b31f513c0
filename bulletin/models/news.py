"""What the bulletin reports beyond the standards' records: news, and the secretariat itself."""

from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.models import Attachment, PublishableModel, TimestampedModel, VersionedModel
from common.richtext import RichTextField
from common.uploads import PhotoField, RandomPath


class NewsItem(TimestampedModel, PublishableModel, VersionedModel):
    """An item of industry news (行业资讯) with its source and attachments."""

    title = models.CharField(_("标题"), max_length=300)
    date = models.DateField(_("日期"), null=True, blank=True, help_text=_("消息发布日期。"))
    region = models.CharField(
        _("地区"), max_length=50, blank=True, help_text=_("地方消息填写省市，如“广东”。")
    )
    body = RichTextField(
        _("正文"),
        blank=True,
        help_text=_(
            "可用段落与列表；粘贴的其他格式会被清除。只有标题、来源和附件的消息可不填正文。"
        ),
    )
    source = models.CharField(_("信息来源"), max_length=200, blank=True)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("行业资讯")
        verbose_name_plural = pgettext_lazy("plural", "行业资讯")
        ordering = [F("date").desc(nulls_last=True), "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletin:newsitem-detail", kwargs={"pk": self.pk})


class NewsAttachment(Attachment):
    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("资讯"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("资讯附件")
        verbose_name_plural = pgettext_lazy("plural", "资讯附件")


class SecretariatProfile(VersionedModel):
    """The secretariat's contact block on the cover; there is one."""

    name = models.CharField(_("名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=300)
    postcode = models.CharField(_("邮编"), max_length=20, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网址"), blank=True)
    logo = PhotoField(_("标志"), upload_to=RandomPath("profile"), blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

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
