"""Abstract models that several apps share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        abstract = True


class Attachment(models.Model):
    """A file or a link shown under a record (附件); subclasses add the record's foreign key."""

    title = models.CharField(_("标题"), max_length=300)
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/", blank=True)
    url = models.URLField(_("链接"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def href(self):
        """Where a reader gets the attachment: the uploaded file first, else the link."""
        if self.file:
            return self.file.url
        return self.url
