"""Abstract models that several apps share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.dates import format_day_range


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors may see."""
        return self.filter(is_public=True)


class PublishableModel(models.Model):
    """A record that stays internal until an editor makes it public or an issue containing it
    is published."""

    is_public = models.BooleanField(
        _("公开"),
        default=False,
        db_index=True,
        help_text=_("公开后访客可在网站上看到；收录它的月报发布时自动公开。"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def make_public(self):
        if not self.is_public:
            self.is_public = True
            self.save()

    def make_internal(self):
        if self.is_public:
            self.is_public = False
            self.save()


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


class DateRangeModel(models.Model):
    """Something that runs from a start date to an end date, never ending before it starts."""

    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    @property
    def dates_display(self):
        return format_day_range(self.start_date, self.end_date)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})
